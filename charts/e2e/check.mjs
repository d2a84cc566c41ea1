// check.mjs opens pages in headless Chromium and reports, for each, the
// goconc charts it drew, what the console said and which requests failed.
//
//   node check.mjs SPEC.json
//
// SPEC is {"chromium": "/usr/bin/chromium", "pages": [PAGE...]} where PAGE
// is {"name", "url", "selector" (default ".goconc-chart"), "count" (charts
// to wait for, default 1), "timeoutMs" (default 20000), "screenshot" (a
// PNG path, optional), "clip" (screenshot only the first match of this
// selector, optional), "width", "height" (viewport, default 1000x800),
// "colorScheme" ("light" or "dark", optional), "until" (a JavaScript
// expression to wait for instead of the charts' canvases, optional),
// "settleMs" (wait after that, default 1200), "resizes" (viewport widths
// to switch to, one after the other, once the charts are drawn), "steps"
// (actions to take once the page is ready, optional)}.
//
// A STEP drives a page that needs more than a look, such as a notebook to
// run, save and reopen: {"name", "reload" (reload the page first), "eval"
// (a JavaScript expression to evaluate, awaited if it is a promise),
// "click" (a selector whose first visible match gets a real mouse click),
// "press" (keys to press, such as "Tab" or "Shift+Tab"),
// "until" (a condition to wait for then), "count" (charts that must be
// drawn then, optional), "selector", "abort" (a condition that ends those
// waits with an error as soon as it holds, optional), "timeoutMs" (default
// 20000), "settleMs" (wait after that, default 0), "report" (an expression
// whose JSON value the result holds), "screenshot", "clip"}, done in that
// order. A step that fails ends the page's steps; its result still holds
// the charts and the report as they were then, where they could be read.
//
// It prints {"pages": [RESULT...]} where RESULT is {"name", "charts":
// [{"id", "canvases", "width", "height", "textHidden"}], "resized": [[CHART...]
// for each width of "resizes"], "console": [{"type", "text", "step"}],
// "pageErrors": [...], "failedRequests": [...], "requests": [every URL the
// page requested or opened a WebSocket to, in order], "paint": PAINT, "error",
// "steps": [{"name", "value", "charts", "console", "pageErrors",
// "failedRequests", "requests", "paint", "error", "ms"}...]}.
// PAINT is {"startMs", "firstPaintMs", "firstContentfulPaintMs", "charts":
// [{"id", "ms"}...]}: times in ms since the document's navigation started
// (performance.now()), startMs that of the start (0 for a page; a step's
// start, or 0 if it reloads the page), the paint entries of the
// PerformanceObserver (-1 if none) and, per chart element, when its first
// canvas of nonzero size appeared, in that order. A console message's "step" is the index of the step
// during which it came, plus one (0 while the page loaded); each step's
// result holds its own share of the messages too.
// A chart counts as drawn once its element holds a canvas of nonzero size.
// The Go package github.com/goconc/goconc/charts/e2e runs it.
import {readFileSync} from 'node:fs';
import {chromium} from 'playwright-core';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const browser = await chromium.launch({
  executablePath: spec.chromium || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update',
    '--disable-quic', '--disable-sync',
  ],
});

async function check(page, p) {
  const selector = p.selector || '.goconc-chart';
  const count = p.count || 1;
  await page.goto(p.url, {waitUntil: 'load', timeout: p.timeoutMs || 20000});
  const wait = {timeout: p.timeoutMs || 20000, polling: 100};
  if (p.until) {
    await page.waitForFunction(p.until, null, wait);
  } else {
    await page.waitForFunction(drawnExpr(selector, count), null, wait);
  }
  // Let animations and late errors settle before reading and shooting.
  await page.waitForTimeout(p.settleMs ?? 1200);
  return charts(page, selector);
}

// drawnExpr is an expression that holds once n elements matching selector
// hold a drawn canvas.
function drawnExpr(selector, n) {
  return `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).filter((el) => {
    const c = el.querySelector('canvas');
    return c && c.width > 0 && c.height > 0;
  }).length >= ${Number(n)}`;
}

// waitUnless waits until the expression cond holds, and fails as soon as
// the expression abort (if any) holds instead.
async function waitUnless(page, cond, abort, wait) {
  if (!abort) {
    await page.waitForFunction(cond, null, wait);
    return;
  }
  const h = await page.waitForFunction(`(${abort}) ? 'abort' : (${cond}) ? 'ok' : false`, null, wait);
  if (await h.jsonValue() === 'abort') {
    throw new Error('abort condition holds: ' + abort.replace(/\s+/g, ' ').slice(0, 300));
  }
}

// step does one step of a page (see STEP above) and fills in its result.
async function step(page, s, sr) {
  const selector = s.selector || '.goconc-chart';
  const timeout = s.timeoutMs || 20000;
  const wait = {timeout, polling: 100};
  try {
    if (s.reload) {
      await page.reload({waitUntil: 'load', timeout});
    }
    if (s.eval) {
      // An expression, not a function: page.evaluate awaits its promise,
      // for timeoutMs at most.
      let timer;
      await Promise.race([
        page.evaluate(s.eval),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`eval did not finish in ${timeout} ms`)), timeout);
        }),
      ]).finally(() => clearTimeout(timer));
    }
    if (s.click) {
      // A real mouse click on the first visible match, as a user's.
      await page.locator(s.click).filter({visible: true}).first().click({timeout});
    }
    for (const key of s.press || []) {
      // Real key presses ("Tab", "Shift+Tab"), to whatever has the focus.
      await page.keyboard.press(key);
    }
    if (s.until) {
      await waitUnless(page, s.until, s.abort, wait);
    }
    if (s.count) {
      await waitUnless(page, drawnExpr(selector, s.count), s.abort, wait);
    }
    if (s.settleMs) {
      await page.waitForTimeout(s.settleMs);
    }
  } finally {
    // What the page shows, also when a wait failed: it says why.
    try {
      sr.charts = await charts(page, selector);
      if (s.report) {
        sr.value = await page.evaluate(s.report);
      }
    } catch (e) {
      sr.error = 'reading the page: ' + String(e && e.message || e);
    }
  }
}

async function shoot(page, path, clip) {
  if (clip) {
    await page.locator(clip).first().screenshot({path});
  } else {
    await page.screenshot({path, fullPage: true});
  }
}

function charts(page, selector) {
  return page.$$eval(selector, (els) => els.map((el) => {
    const c = el.querySelector('canvas');
    const text = el.previousElementSibling;
    return {
      id: el.id,
      canvases: el.querySelectorAll('canvas').length,
      width: c ? c.getBoundingClientRect().width : 0,
      height: c ? c.getBoundingClientRect().height : 0,
      textHidden: !!text && text.tagName === 'PRE' && getComputedStyle(text).display === 'none',
    };
  }));
}

// paintWatch runs in every document before its scripts: it notes the
// browser's paint entries and, per chart element, when its first canvas
// of nonzero size appears (checked on every DOM change and every frame).
function paintWatch(selector) {
  const drawn = window.__goconcDrawn = {};
  const order = window.__goconcDrawnOrder = [];
  const paint = window.__goconcPaintEntries = {};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        paint[e.name] = e.startTime;
      }
    }).observe({type: 'paint', buffered: true});
  } catch (e) {
    // no paint timing: the entries stay -1
  }
  let n = 0;
  const scan = () => {
    for (const el of document.querySelectorAll(selector)) {
      const key = el.id || ('#' + (el.__goconcKey = el.__goconcKey || ++n));
      if (key in drawn) {
        continue;
      }
      const c = el.querySelector('canvas');
      if (c && c.width > 0 && c.height > 0) {
        drawn[key] = performance.now();
        order.push(key);
      }
    }
  };
  new MutationObserver(scan).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ['width', 'height']});
  const frame = () => {
    scan();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

// paintReport reads what paintWatch noted, charts drawn after startMs.
async function paintReport(page, startMs) {
  return page.evaluate((start) => {
    const drawn = window.__goconcDrawn || {};
    const p = window.__goconcPaintEntries || {};
    const ms = (v) => (typeof v === 'number' ? Math.round(v) : -1);
    return {
      startMs: Math.round(start),
      firstPaintMs: ms(p['first-paint']),
      firstContentfulPaintMs: ms(p['first-contentful-paint']),
      charts: (window.__goconcDrawnOrder || []).filter((id) => drawn[id] >= start)
        .map((id) => ({id, ms: Math.round(drawn[id])})),
    };
  }, startMs);
}

const results = [];
for (const p of spec.pages) {
  const r = {name: p.name, charts: [], console: [], pageErrors: [], failedRequests: [], requests: [], paint: null,
    error: '', steps: []};
  const context = await browser.newContext({
    viewport: {width: p.width || 1000, height: p.height || 800},
    colorScheme: p.colorScheme || 'light',
  });
  await context.addInitScript(paintWatch, p.selector || '.goconc-chart');
  const page = await context.newPage();
  // cur is the result of the step under way, null while the page loads:
  // the messages go to the page's result and to the step's.
  let cur = null;
  const note = (field, v) => {
    r[field].push(v);
    if (cur) {
      cur[field].push(v);
    }
  };
  page.on('console', (m) => note('console', {type: m.type(), text: m.text(), step: r.steps.length}));
  page.on('pageerror', (e) => note('pageErrors', String(e)));
  // Every request of the context's pages and workers, to see that none
  // left the machine; and the WebSockets, which 'request' does not show.
  const url = (u) => (u.length > 300 ? u.slice(0, 300) + '…' : u);
  context.on('request', (q) => note('requests', url(q.url())));
  page.on('websocket', (ws) => note('requests', url(ws.url())));
  page.on('requestfailed', (q) => note('failedRequests', q.url() + ' ' + (q.failure()?.errorText || '')));
  page.on('response', (q) => {
    if (q.status() >= 400) {
      note('failedRequests', q.url() + ' ' + q.status());
    }
  });
  page.on('dialog', (d) => {
    note('console', {type: 'dialog', text: d.type() + ': ' + d.message(), step: r.steps.length});
    d.accept().catch(() => {});
  });
  try {
    r.charts = await check(page, p);
    r.paint = await paintReport(page, 0);
    r.resized = [];
    for (const w of p.resizes || []) {
      await page.setViewportSize({width: w, height: p.height || 800});
      await page.waitForTimeout(600);
      r.resized.push(await charts(page, p.selector || '.goconc-chart'));
    }
  } catch (e) {
    r.error = String(e && e.message || e);
    try {
      r.charts = await page.$$eval(p.selector || '.goconc-chart', (els) => els.map((el) => ({
        id: el.id, canvases: el.querySelectorAll('canvas').length, width: 0, height: 0,
        textHidden: false,
      })));
    } catch (e2) {
      // the page is gone; r.error says why
    }
  }
  if (p.screenshot) {
    try {
      await shoot(page, p.screenshot, p.clip);
    } catch (e) {
      r.error = r.error || 'screenshot: ' + String(e && e.message || e);
    }
  }
  for (const s of r.error ? [] : p.steps || []) {
    const sr = {name: s.name, value: null, charts: [], console: [], pageErrors: [], failedRequests: [], requests: [],
      paint: null, error: '', ms: 0};
    r.steps.push(sr);
    cur = sr;
    const t0 = Date.now();
    let start = 0;
    try {
      if (!s.reload) {
        start = await page.evaluate(() => performance.now());
      }
      await step(page, s, sr);
    } catch (e) {
      sr.error = String(e && e.message || e);
    }
    sr.ms = Date.now() - t0;
    try {
      sr.paint = await paintReport(page, start);
    } catch (e) {
      // the page is gone; the step's error says why
    }
    if (s.screenshot) {
      try {
        await shoot(page, s.screenshot, s.clip);
      } catch (e) {
        sr.error = sr.error || 'screenshot: ' + String(e && e.message || e);
      }
    }
    cur = null;
    if (sr.error) {
      break;
    }
  }
  await context.close();
  results.push(r);
}
await browser.close();
process.stdout.write(JSON.stringify({pages: results}) + '\n');
