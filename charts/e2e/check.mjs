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
// to switch to, one after the other, once the charts are drawn)}.
//
// It prints {"pages": [RESULT...]} where RESULT is {"name", "charts":
// [{"id", "canvases", "width", "height", "textHidden"}], "resized": [[CHART...]
// for each width of "resizes"], "console": [{"type", "text"}],
// "pageErrors": [...], "failedRequests": [...], "error"}.
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
    await page.waitForFunction(([sel, n]) => {
      const drawn = Array.from(document.querySelectorAll(sel)).filter((el) => {
        const c = el.querySelector('canvas');
        return c && c.width > 0 && c.height > 0;
      });
      return drawn.length >= n;
    }, [selector, count], wait);
  }
  // Let animations and late errors settle before reading and shooting.
  await page.waitForTimeout(p.settleMs ?? 1200);
  return charts(page, selector);
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

const results = [];
for (const p of spec.pages) {
  const r = {name: p.name, charts: [], console: [], pageErrors: [], failedRequests: [], error: ''};
  const context = await browser.newContext({
    viewport: {width: p.width || 1000, height: p.height || 800},
    colorScheme: p.colorScheme || 'light',
  });
  const page = await context.newPage();
  page.on('console', (m) => r.console.push({type: m.type(), text: m.text()}));
  page.on('pageerror', (e) => r.pageErrors.push(String(e)));
  page.on('requestfailed', (q) => r.failedRequests.push(q.url() + ' ' + (q.failure()?.errorText || '')));
  page.on('response', (q) => {
    if (q.status() >= 400) {
      r.failedRequests.push(q.url() + ' ' + q.status());
    }
  });
  try {
    r.charts = await check(page, p);
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
      if (p.clip) {
        await page.locator(p.clip).first().screenshot({path: p.screenshot});
      } else {
        await page.screenshot({path: p.screenshot, fullPage: true});
      }
    } catch (e) {
      r.error = r.error || 'screenshot: ' + String(e && e.message || e);
    }
  }
  await context.close();
  results.push(r);
}
await browser.close();
process.stdout.write(JSON.stringify({pages: results}) + '\n');
