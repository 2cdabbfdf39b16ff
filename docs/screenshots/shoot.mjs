// Takes the documentation screenshots of a running Jenkins in headless Chromium; docs/screenshots/take.sh prepares
// that Jenkins (plugin configured, job demo built once) and calls this.
//
//   node shoot.mjs --jenkins http://localhost:8080/jenkins --out ../images [--chromium /usr/bin/chromium]
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';
import path from 'node:path';

const { values: opts } = parseArgs({
  options: {
    jenkins: { type: 'string' },
    out: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
if (!opts.jenkins || !opts.out) {
  console.error('usage: node shoot.mjs --jenkins <Jenkins URL> --out <directory> [--chromium <binary>]');
  process.exit(2);
}
const jenkins = opts.jenkins.replace(/\/$/, '');
const WIDTH = 1200;
const MARGIN = 16;

const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  // A closed network: without these Chromium keeps trying (and failing) to reach Google's services.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

try {
  const context = await browser.newContext({
    viewport: { width: WIDTH, height: 900 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
  });
  const page = await context.newPage();

  await configuration(page);
  await console_(page);
  await sessions(page, '/job/demo/1/aws-sessions/', 'build-sessions.png');
  await sessions(page, '/aws-sessions/', 'audit.png');
} finally {
  await browser.close();
}

async function open(page, url, title) {
  const response = await page.goto(jenkins + url, { waitUntil: 'networkidle' });
  if (!response || response.status() !== 200) {
    throw new Error(`${url}: HTTP ${response && response.status()}`);
  }
  // Fonts and icons load late; a screenshot taken before shows fallback glyphs.
  await page.evaluate(() => document.fonts.ready);
  const h1 = await page.locator('h1').first().textContent();
  if (title && !(h1 || '').includes(title)) {
    throw new Error(`${url}: expected a page titled '${title}', got '${h1}'`);
  }
}

function file(name) {
  return path.join(opts.out, name);
}

// a. The plugin's section of Manage Jenkins » System, as saved (advanced parts closed, as an administrator first
// sees it), with its one trust mapping.
async function configuration(page) {
  await open(page, '/manage/configure');
  const section = page.locator('section.jenkins-section:has(> .jenkins-section__title#aws-oidc-role)');
  await section.waitFor();
  // The field checks run asynchronously after load; wait until none is still "Loading...".
  await page.waitForFunction(
    () => ![...document.querySelectorAll('.validation-error-area')].some((e) => /Loading/.test(e.textContent)),
    null,
    { timeout: 30000 },
  );
  if ((await section.locator('input[name="_.stage"]').inputValue()) !== 'deploy') {
    throw new Error('the trust mapping for stage deploy is not on the configuration page');
  }
  // The page header and the Save bar are sticky: in a section taller than the window they would be drawn over it.
  // A window as tall as the page keeps them where they belong.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: WIDTH, height });
  await page.waitForTimeout(300);
  const box = await section.boundingBox();
  await page.screenshot({
    path: file('configuration.png'),
    clip: {
      x: Math.max(0, Math.floor(box.x - MARGIN)),
      y: Math.floor(box.y - MARGIN),
      width: Math.min(WIDTH, Math.ceil(box.width + 2 * MARGIN)),
      height: Math.ceil(box.height + 2 * MARGIN),
    },
  });
  await page.setViewportSize({ width: WIDTH, height: 900 });
}

// b. The build's console: the block's lines, the caller identity the AWS CLI printed and the masked variables; the
// build's side panel shows where its "AWS sessions" page is.
async function console_(page) {
  await open(page, '/job/demo/1/console', 'Console');
  const output = page.locator('pre.console-output');
  const text = await output.textContent();
  for (const expected of ["AWS role for stage 'deploy'", 'assumed-role/deploy/', 'key=**** secret=****', 'Finished: SUCCESS']) {
    if (!text.includes(expected)) {
      throw new Error(`the console lacks '${expected}'`);
    }
  }
  if (/ASIA[A-Z0-9]{16}/.test(text)) {
    throw new Error('an access key id is visible in the console');
  }
  const box = await output.boundingBox();
  await page.screenshot({
    path: file('console.png'),
    clip: { x: 0, y: 0, width: WIDTH, height: Math.ceil(box.y + box.height + MARGIN) },
  });
}

// c, d. A page of audit events: its heading, introduction and table. The table may be wider than the window, so the
// picture spans the page's whole width.
async function sessions(page, url, name) {
  await open(page, url, 'AWS sessions');
  const table = page.locator('#main-panel table');
  await table.waitFor();
  const h1 = await page.locator('#main-panel h1').boundingBox();
  const tableBox = await table.boundingBox();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const header = await page.locator('#page-header').boundingBox();
  const top = Math.floor(Math.max(header ? header.y + header.height : 0, h1.y - MARGIN));
  await page.screenshot({
    path: file(name),
    fullPage: true,
    clip: { x: 0, y: top, width, height: Math.ceil(tableBox.y + tableBox.height + MARGIN - top) },
  });
}
