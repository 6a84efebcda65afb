"""Accessibility of every built page in Chromium, on a phone and a laptop: axe-core finds no WCAG 2.0,
2.1 or 2.2 A/AA violation and no best-practice problem, and the keyboard reaches the menu, search and
the other language with a visible focus, never landing on something the reader cannot see."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from axe_playwright_python.sync_playwright import Axe

from conftest import LANGUAGES
from site_pages import built_pages, screen  # noqa: F401 - screen is a fixture

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
                                         "best-practice"]},
    "resultTypes": ["violations"],
}
# The page's main actions, by screen size: phones open the menu and search from header icons (their
# checkboxes take the focus and show it on the icon); laptops show the menu and the search field.
MAIN_ACTIONS = {
    "phone": {"menu": "#__drawer", "search": "#__search", "other language": ".md-header a[data-site-language]"},
    "desktop": {"menu": ".md-nav--primary a.md-nav__link", "search": ".md-search__input",
                "other language": ".md-header a[data-site-language]"},
}
MAX_TAB_STOPS = 400
# Waits (a second at most) for the page's transitions to end.
SETTLE = """() => Promise.race([
  Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 1000)),
])"""
# Once settled, describes the focused element: what shows its focus (a visually hidden checkbox shows
# it on its label), whether that is visible on screen, and where it is.
FOCUSED = """async (actions) => {
  await (""" + SETTLE + """)();
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const tiny = (node) => { const box = node.getBoundingClientRect(); return box.width <= 1 || box.height <= 1; };
  const label = tiny(element) && element.labels && [...element.labels].find((node) => !tiny(node) && node.checkVisibility());
  const shown = label || element;
  const box = shown.getBoundingClientRect();
  const onScreen = box.width > 1 && box.height > 1 && box.right > 0 && box.bottom > 0
    && box.left < innerWidth && box.top < innerHeight;
  const text = (element.getAttribute("aria-label") || element.textContent || element.value || "").trim().replace(/\\s+/g, " ");
  return {
    position: Array.prototype.indexOf.call(document.getElementsByTagName("*"), element),
    name: `<${element.tagName.toLowerCase()}${element.id ? " id=" + element.id : ""}${element.getAttribute("href") ? " href=" + element.getAttribute("href") : ""}> ${text.slice(0, 40)}`,
    visible: onScreen && shown.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    action: Object.keys(actions).find((action) => element.matches(actions[action])) || null,
    box: {x: box.x, y: box.y, width: box.width, height: box.height},
  };
}"""


# The demo's every page, and the pages a real clinic's file fills (RPPS, convention, fees, access, legal notice).
EXAMPLE_CLINIC_PAGES = ["cabinet/", "mentions-legales/", "en/cabinet/", "en/mentions-legales/"]


def test_axe_finds_no_violation_on_any_page(site, server, example_site, screen):
    axe = Axe()
    problems = []
    urls = [(path, server + path) for path in built_pages(site)]
    urls += [(f"example:{path}", (example_site / path / "index.html").as_uri()) for path in EXAMPLE_CLINIC_PAGES]
    for path, url in urls:
        screen.page.goto(url)
        for violation in axe.run(screen.page, options=AXE_OPTIONS).response["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            problems.append(f"/{path} [{screen.name}] {violation['id']} ({violation['impact']}): "
                            f"{violation['help']} — {targets}")
    assert not problems, "\n".join(problems)


def test_keyboard_reaches_main_actions_with_visible_focus(site, server, screen):
    problems = []
    for path in built_pages(site):
        screen.page.goto(server + path)
        problems += [f"/{path} [{screen.name}] {problem}" for problem in _walk_tab_order(screen.page, MAIN_ACTIONS[screen.name])]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_opens_and_closes_menu_and_search_on_a_phone(server, phone, language):
    page = phone.new_page()
    page.goto(server + LANGUAGES[language] + "histoire/")
    _tab_to(page, "#__drawer")
    page.keyboard.press("Space")
    drawer = page.locator(".md-sidebar--primary")
    page.evaluate(SETTLE)
    expect(drawer).to_be_visible()  # Space on the menu icon opens the menu
    assert drawer.bounding_box()["x"] >= 0, "the menu slides fully in"
    page.keyboard.press("Escape")
    page.evaluate(SETTLE)
    assert page.evaluate("document.activeElement.id") == "__drawer", "Escape gives the focus back to the menu icon"
    assert not page.locator("#__drawer").is_checked()

    _tab_to(page, "#__search")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.matches('.md-search__input')"), "opening search puts the cursor in it"
    page.keyboard.type("Pistor")
    page.locator(".md-search-result__item > a").first.wait_for()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "__search" and not page.locator("#__search").is_checked()

    _tab_to(page, ".md-header a[data-site-language]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") != language, "Enter on the language link opens the other language"


def _walk_tab_order(page, actions: dict[str, str]) -> list[str]:
    """Tab through the whole page; report tab stops that cannot be seen and main actions missed or without visible focus."""
    problems, seen, reached = [], set(), set()
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED, actions)
        if stop is None or stop["position"] in seen:
            break  # the focus left the page or came round again
        seen.add(stop["position"])
        if not stop["visible"]:
            problems.append(f"the focus lands on {stop['name']}, which is not visible")
        action = stop["action"]
        if action and action not in reached:
            reached.add(action)
            if stop["visible"] and not _focus_is_visible(page, stop["box"]):
                problems.append(f"{action}: {stop['name']} shows no visible focus")
    problems += [f"{action} is not reachable with the Tab key" for action in actions if action not in reached]
    return problems


def _focus_is_visible(page, box: dict) -> bool:
    """Does the focused element look different from the same element without the focus?"""
    viewport = page.viewport_size
    x, y = max(box["x"] - 4, 0), max(box["y"] - 4, 0)
    clip = {"x": x, "y": y, "width": min(box["x"] + box["width"] + 4, viewport["width"]) - x,
            "height": min(box["y"] + box["height"] + 4, viewport["height"]) - y}
    focused = page.evaluate_handle("document.activeElement")
    with_focus = page.screenshot(clip=clip, animations="disabled")
    focused.evaluate("(element) => element.blur()")
    page.evaluate(SETTLE)
    without_focus = page.screenshot(clip=clip, animations="disabled")
    focused.evaluate("(element) => element.focus()")
    page.evaluate(SETTLE)
    return with_focus != without_focus


def _tab_to(page, selector: str) -> None:
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} is not reachable with the Tab key")
