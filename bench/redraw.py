"""Time from a filter change to the page drawn again in headless Chromium, per view and filter, against the bare app.

    .venv/bin/python bench/redraw.py                        # every view with filters, each filter it shows, 5 rounds
    .venv/bin/python bench/redraw.py -n 9 --pages overview trade:sectors
    .venv/bin/python bench/redraw.py --filters years        # only the year slider
    .venv/bin/python bench/redraw.py --json /tmp/redraw.json  # also every round's measures; --report prints again
    .venv/bin/python bench/redraw.py --trace trade:sectors:years   # where one view's redraw time goes (Chrome trace)
    .venv/bin/python bench/redraw.py --trace bare:years            # the same for the bare app

Both servers run at once, started as in production (bench/_common.py: no file watcher, headless, 127.0.0.1), both
pages open in one headless Chromium, each in its own browser context (1280 × 900). For each view (a page, or a tab
opened from its link: _common.REDRAW_VIEWS) and each sidebar filter the view shows (years, sector, HS chapters,
direction, whose figures, and the language switch), rounds alternate between the
two apps: bare, kzcn, bare, kzcn … The first pair is a warm-up, not counted; then -n pairs are timed.

One round is one reader action, which toggles the filter between the value the view opened with and another:

* years: the end thumb of the range slider ("Years — end") has the focus; one key press, ArrowLeft (ArrowRight if
  the thumb is not at the end of the scale), the opposite key in the next round: 1992–2024 ↔ 1992–2023. The bare
  app's round is always this, on its own slider.
* sector (drop-down): the list opened first (not timed), then a click on the option: All sectors ↔ --sector.
* HS chapters (multi-select): the chapter typed into the box to narrow the list (not timed), then a click on its
  option; in the next round a click on its tag's remove button: no chapter ↔ --chapter.
* direction, whose figures (radios): a click on the other option (the first, or the second if the first is the one
  chosen).
* language (the switch's links): a click on the other of the first two languages (English, Русский), and back.

Every state a timed round asks for has been asked for before (warm-up, or the view as opened), so the server's
caches are warm, as for a reader going back and forth; bench/rerun.py measures the server side, cold and warm.

**Drawn again** is measured by the page itself, on its own clock (`performance.now()`), with a script installed in
the page before the app loads (INSTRUMENT):

* start: the `timeStamp` of the round's input event (the first `keydown` or `pointerdown` after the round is
  armed, caught in the capture phase; focusing, opening a list, typing and moving the mouse come before);
* the app has rerun: after the page sent the new value on the app's websocket, a script run started and finished
  (the WebSocket class is wrapped to time its messages and read each one's type from the protobuf: a
  `new_session`, then a `script_finished` that was not stopped early for another rerun); the app's own script
  state (`data-test-script-state` on its root element) is `notRunning`; and Streamlit's running indicator is not
  shown (`[data-testid="stStatusWidget"]` absent, fading out, or without its running icon). The script state alone
  is not enough: React sometimes folds its "running" and "notRunning" into one render, and a reply such as the new
  URL can come before the run starts;
* every `.js-plotly-plot` on the page has its `.main-svg`;
* nothing in the app's view (main area and sidebar: `[data-testid="stMain"]`, `[data-testid="stSidebar"]`; not
  the header, where the running indicator animates) has changed for --quiet ms (default 100): a MutationObserver
  over their subtrees (child lists, attributes, text).

The quiet window is not counted: the round ends at the later of the script's end (its `script_finished` message,
the script state's return to `notRunning`) and the end of the rendering of the frame after the last mutation (a
`requestAnimationFrame` callback, then a message posted from it, which runs once that frame's style, layout and
paint are done). Drawing that changes no DOM node (the Data page's table is a canvas) is not seen after the last
mutation; that table updates its hidden copy for screen readers ~150 ms later, which shows as "changed after idle"
and is not counted.

An input after which the page sends nothing to the server within 5 s is done again once, and said so; an error
element (`stException`) after a round stops the run.

Per view and filter: median and p95 (nearest rank: with 5 rounds, the slowest) of kzcn's rounds and of the bare
app's rounds alternating with them, and the ratios median ÷ bare median and p95 ÷ bare p95. The second table gives
medians over kzcn's rounds of: the round's time, going to the other value / coming back (the warm-up goes there,
so with -n 5 three of the five timed rounds come back to the view as opened); when the widget's new value was sent
on the app's websocket (the page handled the input and asked for a rerun), when the server's first reply came, when
the script had finished (its `script_finished` message handled, and the script state back to `notRunning`), the
drawing after that (ms, from the input event); the main thread's long tasks (> 50 ms, PerformanceObserver) during
the round; the Plotly charts, traces and points (the longest data array of each trace: x, y, z, ids, labels,
values, lat) on the page, the SVG elements in the charts and all elements in the view; the elements the server
sent (its `delta` messages); the DOM mutation records of the round. Sanity counts: "late reruns", runs that
started in the --gap ms after a round ended (a second run the app asks for itself: `new_session`), and "changed
after idle", rounds after which the view changed again within --gap ms (a quiet window too short).

--trace VIEW:FILTER records a Chrome trace (what DevTools' Performance panel records, with the V8 sampling profiler)
over -n rounds of one view and filter instead, each round marked in the trace with performance.measure(), and
prints the renderer main thread's time inside the rounds by kind (scripting, style, layout, paint, GC, idle), the
JavaScript by named step (Plotly's defaults, axes, traces, automargin …), by script and by function. Tracing slows
the page down; use it for where the time goes, not for how much.

--plotly also times every Plotly.react that Streamlit's chart component makes, in both apps: the bench rewrites
that one call in Streamlit 1.67's chart bundle as the browser loads it (PLOTLY_REACT), and a third table gives per
round how many times Plotly drew and for how long (the call's synchronous part, where Plotly lays out and draws). It
shows that Streamlit draws every new chart twice (the second time when it themes the figure again after mounting,
docs/performance.md), and how much of a round is Plotly's. Plain runs load the bundle as it is.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import (
    BARE,
    CHART,
    DASHBOARD,
    ERROR,
    REDRAW_VIEWS,
    SIDEBAR,
    VIEWPORT,
    Server,
    launch_args,
    loadavg,
    median,
    p95,
    table,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, sync_playwright

# --plotly: where Streamlit 1.67's chart component (react-plotly.js, minified) hands a figure to Plotly, and the same
# call timed; a release that changes it makes --plotly stop with a message rather than time nothing
PLOTLY_REACT = "return e.react(_.current,{data:t,layout:n,config:r,frames:i})"
PLOTLY_REACT_TIMED = ("{const t0=performance.now(),p=e.react(_.current,{data:t,layout:n,config:r,frames:i});"
                      "(window.__plotlyDraws=window.__plotlyDraws||[]).push(performance.now()-t0);return p}")
PLOTLY_BUNDLE = re.compile(r"/PlotlyChart\.[^/]*\.js$")
QUIET_MS = 100
GAP_MS = 300
TIMEOUT_MS = 60_000

# Installed in every page before the app's own scripts; armed before each round, then asked to wait for the end.
INSTRUMENT = r"""
(() => {
  const VIEW = '[data-testid="stSidebar"], [data-testid="stMain"]';  // the app's view, without its header
  const DATA_KEYS = ['x', 'y', 'z', 'ids', 'labels', 'values', 'lat'];
  const NO_RERUN_MS = 5000;  // no script run started this long after the input: the input was lost
  const RUNNING = '[data-testid="stStatusWidget"]:not(.StatusWidget-exit):not(.StatusWidget-exit-active) '
                + '[data-testid="stStatusWidgetRunningIcon"]';
  let s = null;
  const app = () => document.querySelector('[data-testid="stApp"]');
  const state = () => { const a = app(); return a ? a.getAttribute('data-test-script-state') : 'initial'; };
  const onInput = e => {
    if (!s || s.t0 !== null) return;
    s.seen = performance.now();  // the event's own time stamp is the start; never later than it is handled
    s.t0 = Math.min(e.timeStamp, s.seen); s.inputKind = e.type;
    s.target = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 100) : String(e.target);
  };
  addEventListener('keydown', onInput, true);
  addEventListener('pointerdown', onInput, true);
  // The app's websocket: when the browser sends (a widget's new value asks for a rerun) and receives the server's
  // messages, and which: a ForwardMsg (protobuf) starts with its hash (field 1) and metadata (2), then the field of
  // its type: new_session (4) starts a script run, delta (5) is an element, script_finished (6) ends the run with
  // its status (0 finished, 2 stopped early for a rerun, 3 a fragment's run finished).
  const NEW_SESSION = 4, SCRIPT_FINISHED = 6, EARLY_FOR_RERUN = 2;
  function messageType(data) {
    if (!(data instanceof ArrayBuffer)) return [0, null];
    const b = new Uint8Array(data);
    let i = 0;
    const varint = () => {
      let r = 0, m = 1, x;
      do { x = b[i++]; r += (x & 0x7f) * m; m *= 128; } while (x & 0x80);
      return r;
    };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field >= 4) return [field, field === SCRIPT_FINISHED && wire === 0 ? varint() : null];
      if (wire === 0) varint(); else if (wire === 2) { const n = varint(); i += n; } else if (wire === 1) i += 8;
      else if (wire === 5) i += 4; else return [-1, null];
    }
    return [0, null];
  }
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => { if (s) s.wsIn.push([performance.now(), ...messageType(e.data)]); });
    }
    send(data) { if (s) s.wsOut.push(performance.now()); return super.send(data); }
  };

  function painted() {  // the end of rendering the frame after the last mutation
    if (s.rafPending) return;
    s.rafPending = true;
    requestAnimationFrame(() => {
      const seq = s.seq, channel = new MessageChannel(), mine = s;
      channel.port1.onmessage = () => {
        mine.rafPending = false; mine.painted = performance.now(); mine.paintedSeq = seq;
        if (mine.seq !== seq) painted();
      };
      channel.port2.postMessage(0);
    });
  }

  function disarm() {
    if (!s) return;
    s.mo.disconnect(); s.so.disconnect(); if (s.lo) s.lo.disconnect();
  }

  function arm() {
    disarm();
    s = {t0: null, seen: null, target: null, inputKind: null, states: [], seq: 0, paintedSeq: 0, painted: -1,
         lastMut: -1, rafPending: false, records: 0, added: 0, longtasks: [], wsOut: [], wsIn: [],
         afterWhat: []};
    const mine = s;
    s.mo = new MutationObserver(records => {  // kept cheap: a redraw can make 100,000 records
      if (mine !== s) return;
      const n = records.length;
      for (let i = 0; i < n; i++) mine.added += records[i].addedNodes.length;
      mine.records += n; mine.seq++; mine.lastMut = performance.now(); painted();
      if (mine.end !== undefined && mine.afterWhat.length < 3) {  // what changed after the round ended
        const el = records[0].target.nodeType === 1 ? records[0].target : records[0].target.parentElement;
        const owner = el && el.closest('[data-testid]');
        mine.afterWhat.push(`${records[0].type} ${el ? el.tagName : '?'} in ${owner ? owner.dataset.testid : '?'} `
                            + `${(mine.lastMut - mine.end).toFixed(0)} ms after`);
      }
    });
    for (const part of document.querySelectorAll(VIEW)) {  // the header, with the running indicator, is not in
      s.mo.observe(part, {subtree: true, childList: true, attributes: true, characterData: true});
    }
    s.so = new MutationObserver(() => mine.states.push([performance.now(), state()]));
    s.so.observe(app(), {attributes: true, attributeFilter: ['data-test-script-state']});
    try {
      s.lo = new PerformanceObserver(list => {
        for (const e of list.getEntries()) mine.longtasks.push([e.startTime, e.duration]);
      });
      s.lo.observe({type: 'longtask'});
    } catch (e) { s.lo = null; }
  }

  // a trace's data array: a list, a typed array, or as Plotly sends numpy arrays, {dtype: 'f8', bdata: base64}
  function arrayLength(v) {
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return v.length;
    if (v && typeof v.bdata === 'string' && typeof v.dtype === 'string') {
      return Math.floor(atob(v.bdata).length / (parseInt(v.dtype.slice(1), 10) || 1));
    }
    return 0;
  }

  function chartsDrawn() {
    return [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'));
  }

  // settled: for a page just opened, no input event: start now and do not require a rerun
  function wait(quiet, timeout, settled, mark) {
    if (settled) { s.t0 = performance.now(); s.inputKind = 'none'; }
    return new Promise((resolve, reject) => {
      const begun = performance.now();
      let ticks = 0;
      const tick = () => {
        const now = performance.now();
        ticks++;
        if (now - begun > timeout) {
          reject(new Error(`not idle after ${timeout} ms: input ${s.inputKind} at ${s.seen} on ${s.target}, now `
                           + `${now}, ${ticks} checks, state ${state()}, states ${JSON.stringify(s.states)}, running `
                           + `${!!document.querySelector(RUNNING)}, charts drawn ${chartsDrawn()}, `
                           + `${s.records} mutations, last at ${s.lastMut}, ${document.visibilityState}, `
                           + `focus ${document.hasFocus()}, sent ${JSON.stringify(s.wsOut)}, received `
                           + JSON.stringify(s.wsIn.map(([t, type, status]) => [Math.round(t), type, status]))));
          return;
        }
        if (s.t0 === null) return setTimeout(tick, 5);
        const sent = s.wsOut.find(t => t >= s.t0), replies = s.wsIn.filter(([t]) => t >= (sent ?? Infinity));
        const started = replies.find(([, type]) => type === NEW_SESSION);
        // the last run asked for has finished: a script_finished after its new_session, not stopped for a rerun
        const last = replies.filter(([, type]) => type === NEW_SESSION).pop();
        const done = last && replies.find(([t, type, status]) => t >= last[0] && type === SCRIPT_FINISHED
                                                                 && status !== EARLY_FOR_RERUN);
        if (!settled && sent === undefined && !s.states.length && now - s.seen > NO_RERUN_MS) {
          reject(new Error(`no rerun: ${s.inputKind} on ${s.target}, nothing sent to the server, ${s.records} DOM `
                           + `changes since, focus on ${document.activeElement.outerHTML.slice(0, 80)}`));
          return;
        }
        const after = s.states.filter(([t]) => t >= s.t0);
        // the rerun, in the messages: a run started after the value was sent and has finished (React may fold the
        // script state's "running" and "notRunning" into one render: the state is not enough to see a run)
        if ((!done && !settled) || state() !== 'notRunning' || document.querySelector(RUNNING)
            || !chartsDrawn() || s.seq !== s.paintedSeq) return setTimeout(tick, 5);
        const finished = Math.max(after.length ? after[after.length - 1][0] : s.t0, done ? done[0] : s.t0);
        const end = Math.max(finished, s.painted);
        if (now - Math.max(finished, s.lastMut) < quiet) return setTimeout(tick, 5);
        const first = v => { const x = after.find(([, w]) => w === v); return x ? x[0] - s.t0 : null; };
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        const long = s.longtasks.filter(([t, d]) => t + d > s.t0 && t < end)
                                .reduce((a, [t, d]) => a + Math.min(t + d, end) - Math.max(t, s.t0), 0);
        s.end = end; s.recordsAtEnd = s.records;
        if (mark) performance.measure('redraw-round', {start: s.t0, end});
        resolve({
          ms: end - s.t0, input: s.inputKind, handled: s.seen - s.t0,
          sent: sent === undefined ? null : sent - s.t0, reply: replies.length ? replies[0][0] - s.t0 : null,
          started: started ? started[0] - s.t0 : null, messages: replies.length,
          deltas: replies.filter(([, type]) => type === 5).length,
          script_runs: replies.filter(([, type]) => type === NEW_SESSION).length,
          running: first('running'), finished: finished - s.t0,
          longtask_ms: long, records: s.records, added: s.added,
          plots: plots.length, traces: plots.reduce((a, g) => a + (g.data ? g.data.length : 0), 0),
          points: plots.reduce((a, g) => a + (g.data || []).reduce((b, t) => b + Math.max(0, ...DATA_KEYS.map(
            k => arrayLength(t[k]))), 0), 0),
          svg_nodes: plots.reduce((a, g) => a + g.getElementsByTagName('*').length, 0),
          nodes: [...document.querySelectorAll(VIEW)].reduce((a, e) => a + e.getElementsByTagName('*').length, 0),
        });
      };
      tick();
    });
  }

  // reruns that started after the round ended (the app asking for a second run of its own)
  function late() {
    return {late: s.wsIn.filter(([t, type]) => t > s.end && type === NEW_SESSION).length,
            after_idle: s.lastMut > s.end ? s.records - s.recordsAtEnd : 0, after_what: s.afterWhat};
  }

  window.__redraw = {arm, wait, late};
})();
"""


LANGUAGE_LINKS = ".st-key-kzcn-languages"  # the language switch (kzcn.ui.links.language_switch)


@dataclass
class Filter:
    """A sidebar filter, and how a reader changes it and back again: each action toggles between the value the view
    opened with and another one."""

    kind: str  # years, sector, chapters, direction, reporter, language
    label: str
    widget: str  # slider, selectbox, multiselect, radio, links (the language switch)
    target: str | None = None  # the other value (drop-down, multi-select); None: the other of the first two options
    presses: int = 0  # actions done so far: even = back at the value the view opened with
    keys: tuple[str, str] = ("ArrowLeft", "ArrowRight")  # slider: the key of even and of odd presses
    home: str | None = None  # drop-down, radio: the value the view opened with

    def present(self, scope: Locator) -> bool:
        if self.widget == "links":
            return scope.locator(f"{LANGUAGE_LINKS} a").count() > 0
        if self.widget == "slider":
            return scope.get_by_role("slider", name=f"{self.label} — end").count() > 0
        if self.widget == "radio" and scope.get_by_role("radiogroup", name=self.label).count():
            self.widget = "radio"
            return True
        if self.widget in ("selectbox", "multiselect"):
            return scope.get_by_role("combobox", name=self.label, exact=True).count() > 0
        return False

    def prepare(self, page: Page, scope: Locator) -> Callable[[], None]:
        """Everything before the input event that changes the filter (focus, opening a list, typing to narrow it,
        moving the mouse over the option); returns the action itself."""
        if self.widget == "slider":
            thumb = scope.get_by_role("slider", name=f"{self.label} — end")
            thumb.focus()
            if self.presses == 0:  # away from the end of the scale first, then back: the value toggles
                value, top = thumb.evaluate("e => [e.value, e.max]")
                self.keys = ("ArrowLeft", "ArrowRight") if value == top else ("ArrowRight", "ArrowLeft")
            key = self.keys[self.presses % 2]
            return lambda: thumb.press(key)  # focused again if anything took the focus meanwhile
        if self.widget == "links":  # the language switch: a link per language, the current one greyed out
            links = scope.locator(f"{LANGUAGE_LINKS} a")
            if self.presses == 0:
                self.home = scope.locator(f"{LANGUAGE_LINKS} a[disabled]").inner_text()
                names = links.all_inner_texts()[:2]
                self.target = names[1] if names[0] == self.home else names[0]
            link = links.filter(has_text=self.target if self.presses % 2 == 0 else self.home)
            link.hover()
            return lambda: link.click()
        if self.widget == "radio":
            options = scope.get_by_role("radiogroup", name=self.label).locator('[data-testid="stRadioOption"]')
            if self.presses == 0:
                names = options.all_inner_texts()
                checked = [o.locator("input").is_checked() for o in options.all()]
                self.home = names[checked.index(True)]
                self.target = self.target or (names[1] if names[0] == self.home else names[0])
            option = options.filter(has_text=self.target if self.presses % 2 == 0 else self.home)
            option.hover()
            return lambda: option.click()
        testid = "stSelectbox" if self.widget == "selectbox" else "stMultiSelect"
        box = scope.locator(f'[data-testid="{testid}"]').filter(
            has=page.get_by_role("combobox", name=self.label, exact=True))
        if self.widget == "selectbox":
            if self.presses == 0:
                self.home = box.get_by_role("combobox").input_value()
            box.get_by_role("button", name="Open").click()
            options = page.get_by_role("listbox").get_by_role("option")
            options.first.wait_for()
            if self.target is None or self.target == self.home:  # e.g. a language: the other of the first two
                names = options.all_inner_texts()[:2]
                self.target = names[1] if names[0] == self.home else names[0]
            option = page.get_by_role("option", name=self.target if self.presses % 2 == 0 else self.home, exact=True)
            option.hover()
            return lambda: option.click()
        # multi-select: add the option (typed to narrow the list), then remove it with its tag's remove button
        if self.presses % 2:
            remove = box.get_by_role("button", name=re.compile(rf"^Remove {re.escape(self.target)}\b"))
            remove.hover()
            return lambda: remove.click()
        field = box.get_by_role("combobox")
        field.click()
        field.fill(self.target)
        option = page.get_by_role("option", name=re.compile(rf"^{re.escape(self.target)}\b"))
        option.hover()
        return lambda: option.click()

    def value(self, scope: Locator) -> object:
        """The filter's value as the page shows it."""
        if self.widget == "links":
            return scope.locator(f"{LANGUAGE_LINKS} a[disabled]").inner_text()
        if self.widget == "slider":
            return scope.get_by_role("slider", name=f"{self.label} — end").input_value()
        if self.widget == "radio":
            options = scope.get_by_role("radiogroup", name=self.label).locator('[data-testid="stRadioOption"]')
            return [o.locator("input").is_checked() for o in options.all()]
        if self.widget == "selectbox":
            return scope.get_by_role("combobox", name=self.label, exact=True).input_value()
        return scope.locator('[data-testid="stMultiSelect"]').filter(
            has=scope.page.get_by_role("combobox", name=self.label, exact=True)).locator("[data-tag]").all_inner_texts()

    def after(self, page: Page) -> None:
        """Count the action; close a list it left open (a multi-select's stays open for the next choice)."""
        self.presses += 1
        if self.widget == "multiselect" and page.get_by_role("listbox").count():
            page.keyboard.press("Escape")


def filters(args) -> list[Filter]:
    """The sidebar filters this run changes, in the order they are measured."""
    known = [Filter("years", "Years", "slider"),
             Filter("sector", "Sector", "selectbox", args.sector),
             Filter("chapters", "HS chapters", "multiselect", args.chapter),
             Filter("direction", "Direction of goods", "radio"),
             Filter("reporter", "Whose figures", "radio"),
             Filter("language", "Language", "links")]
    return [f for f in known if f.kind in args.filters]


def time_plotly(route) -> None:
    """Serve Streamlit's chart bundle with its Plotly.react call timed (--plotly)."""
    response = route.fetch()
    body = response.text()
    if PLOTLY_REACT not in body:
        sys.exit(f"--plotly: {route.request.url} has no `{PLOTLY_REACT}` (another Streamlit release?): nothing to time")
    route.fulfill(response=response, body=body.replace(PLOTLY_REACT, PLOTLY_REACT_TIMED))


def open_view(browser, url: str, ready: str, plotly: bool = False):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INSTRUMENT)
    if plotly:
        context.route(PLOTLY_BUNDLE, time_plotly)
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(SIDEBAR if ready == "sidebar" else ready, timeout=120_000)
    settle(page, 1000)
    if page.locator(ERROR).count():
        raise RuntimeError(f"{url} shows an exception")
    return context, page


def settle(page: Page, quiet: int) -> None:
    page.evaluate("__redraw.arm()")
    page.evaluate("([q, t]) => __redraw.wait(q, t, true)", [quiet, TIMEOUT_MS])


def one_round(page: Page, scope: Locator, flt: Filter, args, retry: bool = True, mark: bool = False) -> dict:
    """One action and the wait for the page drawn again (see the module's docstring); mark: leave a
    performance.measure("redraw-round") from the input event to the end, for a Chrome trace."""
    page.bring_to_front()  # the page in front, as the reader's (two windows are open)
    act = flt.prepare(page, scope)
    before = flt.value(scope)
    page.evaluate("__redraw.arm(); window.__plotlyDraws = []")
    act()
    try:
        result = page.evaluate("([q, t, m]) => __redraw.wait(q, t, false, m)", [args.quiet, TIMEOUT_MS, mark])
    except PlaywrightError as exc:
        # Rarely (a few times in a full run) a click or key press reaches the page but the widget does not change
        # (a press cancelled on the way, it seems): no rerun follows. That round is done again, once.
        if not retry or "no rerun" not in str(exc):
            raise
        if flt.value(scope) != before:
            raise RuntimeError(f"{flt.kind} changed ({before!r} → {flt.value(scope)!r}) but no script run was "
                               "seen: the script state's changes were not observed") from exc
        print(f"    {flt.kind}: input lost ({str(exc).splitlines()[0][:160]}); repeated", flush=True)
        if flt.widget in ("selectbox", "multiselect"):
            page.keyboard.press("Escape")  # a list left open
        return one_round(page, scope, flt, args, retry=False, mark=mark)
    draws = page.evaluate("window.__plotlyDraws")  # drawn in the round (empty without --plotly)
    page.wait_for_timeout(args.gap)
    result |= page.evaluate("__redraw.late()")
    if args.plotly:
        result |= {"plotly_draws": len(draws), "plotly_ms": sum(draws)}
    if args.verbose:
        print("    ", flt.kind, json.dumps({k: round(v) if isinstance(v, float) else v for k, v in result.items()}))
    flt.after(page)
    if page.locator(ERROR).count():
        raise RuntimeError(f"{page.url} shows an exception after changing {flt.kind}")
    return result


def run(args) -> dict[tuple[str, str], dict[str, list[dict]]]:
    results: dict[tuple[str, str], dict[str, list[dict]]] = {}
    bare, kzcn = Server(BARE), Server(DASHBOARD)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            for view in args.pages:
                path, ready = REDRAW_VIEWS[view]
                app_ctx, app = open_view(browser, kzcn.url + path, ready, args.plotly)
                bare_ctx, bare_page = open_view(browser, f"{bare.url}/", CHART, args.plotly)
                sidebar = app.locator(SIDEBAR)
                shown = [f for f in filters(args) if f.present(sidebar)]
                bare_years = Filter("years", "Years", "slider")  # the bare app's one action, toggling all along
                print(f"{view}: {', '.join(f.kind for f in shown)}", flush=True)
                for flt in shown:
                    times: dict[str, list[dict]] = {"bare": [], "app": []}
                    for i in range(args.rounds + 1):  # the first pair is the warm-up
                        b = one_round(bare_page, bare_page.locator("body"), bare_years, args)
                        a = one_round(app, sidebar, flt, args)
                        if i:
                            times["bare"].append(b)
                            times["app"].append(a)
                    if flt.presses % 2:  # back to the state the view opened with, for the next filter
                        one_round(app, sidebar, flt, args)
                    results[(view, flt.kind)] = times
                    shown_ms = {k: " ".join(f"{x['ms']:.0f}" for x in v) for k, v in times.items()}
                    print(f"  {flt.kind}: {shown_ms['app']} ms (bare {shown_ms['bare']})", flush=True)
                app_ctx.close()
                bare_ctx.close()
            browser.close()
    finally:
        bare.stop()
        kzcn.stop()
    return results


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×"


def split_row(rounds: list[dict]) -> list[str]:
    """Medians over rounds of where a round's time went, and what the page held (the second table)."""
    def med(key) -> float:
        values = [key(x) if callable(key) else x[key] for x in rounds]
        values = [v for v in values if v is not None]
        return median(values) if values else float("nan")

    there, back = rounds[1::2], rounds[0::2]  # the warm-up went there: the first timed round comes back
    return [f"{med('ms'):.0f}", f"{median([x['ms'] for x in there]):.0f} / {median([x['ms'] for x in back]):.0f}"
            if there else "–", f"{med('sent'):.0f}", f"{med('reply'):.0f}", f"{med('finished'):.0f}",
            f"{med(lambda x: x['ms'] - x['finished']):.0f}", f"{med('longtask_ms'):.0f}",
            " / ".join(f"{med(k):.0f}" for k in ("plots", "traces", "points")),
            f"{med('svg_nodes'):.0f}", f"{med('nodes'):.0f}", f"{med('deltas'):.0f}", f"{med('records'):.0f}",
            f"{sum(x['late'] for x in rounds)} / {sum(x['after_idle'] > 0 for x in rounds)}"]


def report(results: dict[tuple[str, str], dict[str, list[dict]]]) -> None:
    rows, parts = [], []
    for (view, kind), times in results.items():
        app = [x["ms"] for x in times["app"]]
        bare = [x["ms"] for x in times["bare"]]
        r_med, r_p95 = median(app) / median(bare), p95(app) / p95(bare)
        rows.append([view, kind, f"{median(app):.0f}", f"{p95(app):.0f}", f"{median(bare):.0f}", f"{p95(bare):.0f}",
                     ratio(median(app), median(bare)), ratio(p95(app), p95(bare)),
                     "yes" if r_med <= 1.5 else "no", "yes" if r_med <= 1.2 else "no",
                     "yes" if r_p95 <= 2 else "no"])
        parts.append([view, kind, *split_row(times["app"])])
    parts.append(["bare app", "years (all rounds)", *split_row([x for t in results.values() for x in t["bare"]])])
    print(table(rows, ["view", "filter", "median ms", "p95", "bare median", "bare p95", "median ÷ bare",
                       "p95 ÷ bare", "≤ 1.5×", "≤ 1.2×", "p95 ≤ 2×"]))
    print()
    print(table(parts, ["view", "filter", "median ms", "there / back", "value sent", "first reply",
                        "script finished", "drawing after", "long tasks ms", "charts / traces / points",
                        "chart SVG elements", "DOM elements", "elements sent", "mutation records",
                        "late reruns / changed after idle"]))
    if all("plotly_ms" in x for t in results.values() for x in t["app"] + t["bare"]):
        print()
        print(plotly_table(results))


def plotly_table(results: dict[tuple[str, str], dict[str, list[dict]]]) -> str:
    """--plotly: per view and filter, Plotly's draws in a round and their time, against the bare app's."""
    rows = []
    for (view, kind), times in results.items():
        row, drawn = [view, kind], {}
        for app, rounds in ((a, times[a]) for a in ("app", "bare")):
            drawn[app] = median([x["plotly_ms"] for x in rounds])
            row += [f"{median([x['plotly_draws'] for x in rounds]):.0f}", f"{drawn[app]:.0f}",
                    f"{drawn[app] / median([x['ms'] for x in rounds]):.0%}"]
        rows.append([*row, f"{drawn['app'] - drawn['bare']:+.0f}"])
    return table(rows, ["view", "filter", "Plotly draws a round", "Plotly ms", "of the round", "bare: draws",
                        "bare: Plotly ms", "bare: of the round", "Plotly ms more than bare"])


# ---- where the time goes: a Chrome trace of a few rounds of one view and filter ------------------------------------

TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute",
                    "blink.user_timing", "disabled-by-default-v8.cpu_profiler", "toplevel", "blink.gc"]
# the renderer main thread's trace events by what they do, as DevTools' summary groups them (self time)
KINDS = {
    "scripting": ("FunctionCall", "EvaluateScript", "v8.compile", "v8.compileModule", "v8.evaluateModule",
                  "V8.Execute", "v8.run", "v8.callFunction", "RunMicrotasks", "TimerFire", "FireAnimationFrame",
                  "EventDispatch", "XHRReadyStateChange", "FireIdleCallback", "v8.produceCache", "v8.parseOnBackground",
                  "V8.DeserializeContext", "v8.newInstance"),
    "style": ("UpdateLayoutTree", "RecalculateStyles", "ParseAuthorStyleSheet"),
    "layout": ("Layout", "UpdateLayout", "IntersectionObserverController::computeIntersections",
               "ResizeObserverController::DeliverObservations", "HitTest"),
    "paint, layers": ("Paint", "PrePaint", "Layerize", "UpdateLayer", "Commit", "PaintImage", "CompositeLayers",
                      "UpdateLayerTree", "Decode Image", "PaintArtifactCompositor::Update"),
    "garbage collection": ("MinorGC", "MajorGC", "BlinkGC.AtomicPhase", "V8.GCScavenger", "V8.GCFinalizeMC",
                           "V8.GCIncrementalMarking", "V8.GCCompactor", "BlinkGC.CompleteSweep",
                           "ThreadState::performIdleLazySweep", "V8.GC_MC_INCREMENTAL", "MinorGCJob",
                           "CppGC.AtomicPhase", "V8.GCIncrementalMarkingFinalize", "V8.GCMarkCompactor"),
}
KIND_OF = {name: kind for kind, names in KINDS.items() for name in names}


# steps of a redraw worth naming, by (script name, function name as minified in Streamlit 1.67's bundles); the
# Plotly ones are plotly.js's own names (Plots.supplyDefaults, Axes.draw, ...)
PHASES = {("PlotlyChart", "S.purge"): "Plotly: purge the old chart (Plots.purge)",
          ("PlotlyChart", "S.cleanPlot"): "Plotly: clean the old plot (Plots.cleanPlot)",
          ("PlotlyChart", "S.supplyDefaults"): "Plotly: defaults (Plots.supplyDefaults)",
          ("PlotlyChart", "S.doCalcdata"): "Plotly: calc (Plots.doCalcdata)",
          ("PlotlyChart", "e.drawFramework"): "Plotly: framework (drawFramework)",
          ("PlotlyChart", "X.draw"): "Plotly: axes (Axes.draw)",
          ("PlotlyChart", "e.drawData"): "Plotly: traces (drawData)",
          ("PlotlyChart", "S.doAutoMargin"): "Plotly: automargin (Plots.doAutoMargin)",
          ("PlotlyChart", "_.bBox"): "Plotly: measuring text (Drawing.bBox)",
          ("PlotlyChart", "e.convertToTspans"): "Plotly: text to SVG (convertToTspans)",
          ("PlotlyChart", "l.update"): "Plotly: mode bar (ModeBar.update)",
          ("StreamlitMarkdown", "Jr"): "Streamlit: markdown elements"}


def kind_of(event: str) -> str:
    if event.startswith(("V8.GC", "BlinkGC", "CppGC")):
        return "garbage collection"
    return KIND_OF.get(event, "other (task overhead, V8 interrupts, …)")


def trace(args) -> None:
    """A Chrome trace (the performance timeline DevTools records) over -n rounds of one view's filter ("bare:years":
    the bare app's): the renderer main thread's time during the rounds by kind (scripting, style, layout, paint,
    GC), and the JavaScript in it by step, script and function (the V8 sampling profiler's samples in the trace)."""
    view, kind = args.trace.rsplit(":", 1)
    server = Server(BARE if view == "bare" else DASHBOARD)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            path, ready = ("/", CHART) if view == "bare" else REDRAW_VIEWS[view]
            context, page = open_view(browser, server.url + path, ready)
            scope = page.locator("body" if view == "bare" else SIDEBAR)
            rounds, events = traced_rounds(browser, page, scope, kind, args)
            context.close()
            browser.close()
    finally:
        server.stop()
    summarise_trace(events, rounds, args.trace)


def traced_rounds(browser, page: Page, scope: Locator, kind: str, args) -> tuple[list[dict], list[dict]]:
    flt = next((f for f in filters(argparse.Namespace(**{**vars(args), "filters": [kind]})) if f.present(scope)),
               None)
    if flt is None:
        sys.exit(f"--trace: the view shows no {kind} filter")
    for _ in range(2):  # warm-up, back where it started
        one_round(page, scope, flt, args)
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    rounds = [one_round(page, scope, flt, args, mark=True) for _ in range(args.rounds)]
    events = json.loads(browser.stop_tracing())
    return rounds, events["traceEvents"] if isinstance(events, dict) else events


def summarise_trace(events: list[dict], rounds: list[dict], name: str) -> None:
    # the rounds on the trace's clock: the page marks each round with performance.measure("redraw-round", ...)
    spans = sorted(e["ts"] for e in events if e.get("name") == "redraw-round" and e.get("ph") in ("b", "e"))
    windows = list(zip(spans[::2], spans[1::2], strict=True))
    pid = next(e["pid"] for e in events if e.get("name") == "redraw-round")
    tid = next(e["tid"] for e in events if e.get("pid") == pid and e.get("name") == "thread_name"
               and e.get("args", {}).get("name") == "CrRendererMain")
    in_rounds = sum(b - a for a, b in windows)

    def clip(start: float, end: float) -> float:
        return sum(max(0.0, min(end, b) - max(start, a)) for a, b in windows)

    # self time of each complete event on the main thread, clipped to the rounds
    main = sorted((e for e in events if e.get("pid") == pid and e.get("tid") == tid and e.get("ph") == "X"
                   and "dur" in e), key=lambda e: (e["ts"], -e["dur"]))
    by_kind: dict[str, float] = defaultdict(float)
    by_name: dict[str, float] = defaultdict(float)
    stack: list[tuple[float, str, list]] = []  # (end, name, child intervals)

    def pop_until(ts: float) -> None:
        while stack and stack[-1][0] <= ts:
            end, event, start, children = stack.pop()
            own = clip(start, end) - sum(clip(a, b) for a, b in children)
            by_kind[kind_of(event)] += own
            by_name[event] += own

    for e in main:
        pop_until(e["ts"])
        if stack:
            stack[-1][3].append((e["ts"], e["ts"] + e["dur"]))
        stack.append((e["ts"] + e["dur"], e["name"], e["ts"], []))
    pop_until(float("inf"))
    busy = sum(by_kind.values())
    n = len(windows)
    print(f"\nChrome trace, {name}: {n} rounds, median {median([r['ms'] for r in rounds]):.0f} ms; per round "
          f"{in_rounds / 1000 / n:.0f} ms, of which the renderer's main thread was busy {busy / 1000 / n:.0f} ms")
    rows = [[k, f"{v / 1000 / n:.0f}", f"{v / in_rounds:.0%}"] for k, v in sorted(by_kind.items(), key=lambda x: -x[1])]
    rows.append(["idle (waiting: server, network, timers)", f"{(in_rounds - busy) / 1000 / n:.0f}",
                 f"{(in_rounds - busy) / in_rounds:.0%}"])
    print(table(rows, ["main thread, by kind", "ms per round", "share of the round"]))
    other = sorted(((k, v) for k, v in by_name.items() if kind_of(k).startswith("other")), key=lambda x: -x[1])[:5]
    if other:
        print("  'other' is mostly: " + ", ".join(f"{k} {v / 1000 / n:.0f} ms" for k, v in other))
    samples = cpu_samples(events, pid, tid)
    if samples:
        by_script: dict[str, float] = defaultdict(float)
        by_function: dict[str, float] = defaultdict(float)
        for ts, dt, frame in samples:
            if not any(a <= ts < b for a, b in windows):
                continue
            fn = frame.get("functionName") or "(anonymous)"
            if fn in ("(idle)", "(program)", "(garbage collector)", "(root)"):
                by_script[fn] += dt
                by_function[fn] += dt
                continue
            by_script[frame["script"] or "(no script)"] += dt
            where = f"{frame['script']}:{frame.get('lineNumber', -1) + 1}" if frame.get("url") else \
                f"native, called from {frame['script'] or 'no script'}"
            by_function[f"{fn} ({where})"] += dt
        phases: dict[str, float] = defaultdict(float)
        for ts, dt, frame in samples:
            if any(a <= ts < b for a, b in windows):
                for label in set(frame["phases"]):
                    phases[label] += dt
        rows = [[k, f"{v / 1000 / n:.0f}"] for k, v in sorted(phases.items(), key=lambda x: -x[1])]
        print(table(rows, ["named steps, inclusive (CPU samples)", "ms per round"]))
        for title, values, top in (("JavaScript by script, with the DOM calls it makes (CPU samples)", by_script, 10),
                                   ("by function, self time", by_function, 15)):
            rows = [[k, f"{v / 1000 / n:.0f}"] for k, v in sorted(values.items(), key=lambda x: -x[1])
                    if k != "(idle)"][:top]
            print(table(rows, [title, "ms per round"]))


def cpu_samples(events: list[dict], pid: int, tid: int) -> list[tuple[float, float, dict]]:
    """(time, duration, call frame with its script's URL) of each sample of the V8 profiler on that thread, on the
    trace's clock. The profile starts on the thread it samples; its chunks come from the profiler's own thread."""
    ids = {e["id"]: e["args"]["data"]["startTime"] for e in events
           if e.get("name") == "Profile" and e.get("pid") == pid and e.get("tid") == tid}
    frames: dict[tuple, dict] = {}
    urls: dict[object, str] = {}
    samples: list[tuple[float, tuple]] = []
    clock = dict(ids)
    for e in events:
        if e.get("name") != "ProfileChunk" or e.get("pid") != pid or e.get("id") not in ids:
            continue
        data = e["args"]["data"]
        profile = data.get("cpuProfile", {})
        for node in profile.get("nodes", []) or []:
            frame = dict(node.get("callFrame", {}))
            frame["parent"] = (e["id"], node["parent"]) if "parent" in node else None
            frames[(e["id"], node["id"])] = frame
            if frame.get("url"):
                urls[frame.get("scriptId")] = frame["url"]
        for node_id, delta in zip(profile.get("samples", []) or [], data.get("timeDeltas", []) or [], strict=False):
            clock[e["id"]] += delta
            samples.append((clock[e["id"]], (e["id"], node_id)))
    samples.sort(key=lambda x: x[0])

    def script(key: tuple | None) -> str:
        """The script of the frame, or of the nearest caller that has one (a DOM call made by Plotly is Plotly's)."""
        while key is not None and key in frames:
            frame = frames[key]
            url = frame.get("url") or urls.get(frame.get("scriptId"), "")
            if url:
                return url.rsplit("/", 1)[-1]
            key = frame["parent"]
        return ""

    def phases(key: tuple | None) -> list[str]:
        """The known steps (PHASES) on the sample's call stack."""
        out = []
        while key is not None and key in frames:
            frame = frames[key]
            script_ = (frame.get("url") or urls.get(frame.get("scriptId"), "")).rsplit("/", 1)[-1]
            label = PHASES.get((script_.split(".")[0], frame.get("functionName")))
            if label:
                out.append(label)
            key = frame["parent"]
        return out

    out = []
    for (ts, key), (nxt, _) in itertools.pairwise(samples):  # a sample lasts until the next one (at most 10 ms)
        frame = dict(frames.get(key, {}))
        frame["script"] = script(key)
        frame["phases"] = phases(key)
        out.append((ts, min(nxt - ts, 10_000), frame))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--rounds", type=int, default=5, help="timed rounds per view and filter (default 5)")
    parser.add_argument("--pages", nargs="+", default=list(REDRAW_VIEWS), choices=list(REDRAW_VIEWS),
                        metavar="VIEW", help=f"views to measure (default all: {' '.join(REDRAW_VIEWS)})")
    kinds = ["years", "sector", "chapters", "direction", "reporter", "language"]
    parser.add_argument("--filters", nargs="+", default=kinds, choices=kinds, help="filter kinds (default all)")
    parser.add_argument("--sector", default="Machinery and electronics", help="the sector toggled to")
    parser.add_argument("--chapter", default="84", help="the HS chapter added and removed")
    parser.add_argument("--quiet", type=int, default=QUIET_MS, help="ms without DOM change that mean idle")
    parser.add_argument("--gap", type=int, default=GAP_MS, help="ms between rounds (reruns in it are 'late')")
    parser.add_argument("--trace", metavar="VIEW:FILTER", help="instead: a Chrome trace of -n rounds of one view's "
                        "filter, e.g. trade:sectors:years, or bare:years for the bare app")
    parser.add_argument("--plotly", action="store_true", help="also time every Plotly.react in both apps (a third "
                        "table: Plotly's draws and their ms per round)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every round's measures")
    parser.add_argument("--json", metavar="FILE", help="also write every round's measures to FILE")
    parser.add_argument("--report", metavar="FILE", help="print the tables again from a --json FILE")
    args = parser.parse_args()
    if args.report:
        saved = json.loads(Path(args.report).read_text())
        print(f"load average before: {saved['load_before']}")
        report({(r["view"], r["filter"]): {"app": r["app"], "bare": r["bare"]} for r in saved["results"]})
        print(f"{saved['rounds']} rounds per view and filter after a warm-up, alternating with the bare app; "
              f"load average after: {saved['load_after']}")
        return
    load_before = loadavg()
    print(f"load average before: {load_before}", flush=True)
    if args.trace:
        if args.trace.rsplit(":", 1)[0] not in [*REDRAW_VIEWS, "bare"]:
            sys.exit(f"--trace: unknown view in {args.trace}")
        trace(args)
        print(f"load average after: {loadavg()}")
        return
    results = run(args)
    load_after = loadavg()
    print()
    if results:
        report(results)
    print(f"{args.rounds} rounds per view and filter after a warm-up, alternating with the bare app; "
          f"load average after: {load_after}")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "load_before": load_before, "load_after": load_after, "rounds": args.rounds, "quiet": args.quiet,
            "results": [{"view": v, "filter": f, **times} for (v, f), times in results.items()]}, indent=1))


if __name__ == "__main__":
    main()
