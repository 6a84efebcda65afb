"""How long each of the site's hooks takes, printed at the end of the build with --verbose, so that a slow
hook shows up before the site grows (the hooks should stay under a tenth of the build time). Times are
CPU time, which other programs running on the machine do not inflate."""
from __future__ import annotations

import functools
import time
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from lib.build_state import state
from lib.language_folders import inner_language_build
from lib.priorities import LAST, TIMING

log = get_plugin_logger(__name__)

# Before any other handler: start the clock and time every event of the hooks listed in mkdocs.yml.
@event_priority(TIMING)
def on_config(config: MkDocsConfig) -> None:
    if not inner_language_build(config):
        state(config).started = time.process_time()
    hooks = set(config.hooks) - {__name__}
    origins = getattr(config.plugins, "_event_origins", {})  # keeps --verbose's "event from plugin …" lines right
    for handlers in config.plugins.events.values():
        for position, handler in enumerate(handlers):
            if getattr(handler, "__module__", None) in hooks and not hasattr(handler, "timed_as"):
                handlers[position] = _timed(handler, config)
                origins[handlers[position]] = origins.get(handler, handler.__module__)


# After every other handler, once every language is built (static-i18n builds the others within the
# default one): the report.
@event_priority(LAST)
def on_post_build(config: MkDocsConfig) -> None:
    build = state(config)
    if inner_language_build(config) or build.started is None:
        return
    total = time.process_time() - build.started
    spent = sum(build.hook_seconds.values())
    width = max((len(name) for name in build.hook_seconds), default=0)
    lines = [f"{name:<{width}}  {seconds:6.2f} s  {build.hook_calls[name]:5d} calls"
             for name, seconds in build.hook_seconds.most_common()]
    log.debug(f"hooks took {spent:.2f} s of CPU time out of {total:.2f} s ({spent / total:.1%} of the build)\n  "
              + "\n  ".join(lines))


# The handler, adding its running time to its hook's line of the report (the handlers belong to the configuration,
# new for each build, whose state holds the report).
def _timed(handler: Callable, config: MkDocsConfig) -> Callable:
    name = f"{handler.__module__} {handler.__name__}"

    @functools.wraps(handler)
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return handler(*args, **kwargs)
        finally:
            build = state(config)
            build.hook_seconds[name] += time.process_time() - start
            build.hook_calls[name] += 1

    timed.timed_as = name
    return timed
