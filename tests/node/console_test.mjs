// The web console in headless Chromium (Debian's, driven by playwright-core), against the built
// services on free ports: log in, subscribe, place an order that fills, cancel a resting one,
// switch the language. Screenshots go to ARTIFACTS/console-*.png.
// Usage: node console_test.mjs MD_SERVICE TD_SERVICE SOURCE_DIR ARTIFACTS
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [mdBinary, tdBinary, sourceDir, artifacts] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  process.exit(1);
}
mkdirSync(artifacts, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'ctpgw-console-'));
const children = [];

function startService(binary, name) {
  const config = join(work, `${name}.yaml`);
  writeFileSync(config, [
    'TdFrontAddress: sim://', 'MdFrontAddress: sim://', 'BrokerID: "9999"', 'Port: 0',
    'LogLevel: INFO',
    `Sim: {Instruments: ${sourceDir}/configs/sim/instruments.yaml, DataDir: ${join(work, `${name}-data`)}, AlwaysOpen: true, TickIntervalMs: 200}`,
  ].join('\n'));
  const child = spawn(binary, [`--config=${config}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/listening on ws:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

function stopAll() {
  for (const c of children) c.kill('SIGTERM');
}

let browser;
let failed = false;
try {
  const [md, td] = await Promise.all([startService(mdBinary, 'md'), startService(tdBinary, 'td')]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'], headless: true });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(20000);

  await page.goto(`http://127.0.0.1:${td}/?md=ws://127.0.0.1:${md}/md/&td=ws://127.0.0.1:${td}/td/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#password', 'console-pw1');
  await page.click('#login-btn');
  await page.waitForSelector('#status-td[data-state="on"]');
  await page.waitForSelector('#status-md[data-state="on"]');

  // Quotes: a row for m2705 with a last price.
  await page.fill('#sub-instrument', 'm2705');
  await page.click('#sub-btn');
  await page.waitForFunction(() => {
    const row = document.querySelector('#quotes tr[data-instrument="m2705"]');
    return row && Number(row.children[1].textContent) > 0;
  });

  // The chart draws the bars of the day so far (at least the one in progress).
  await page.waitForSelector('#kline[data-bars]');

  // The message picker starts on the ready market order: send it, see the fill.
  const template = JSON.parse(await page.inputValue('#msg-text'));
  if (template.MsgType !== 'ReqOrderInsert') throw new Error(`picker starts on ${template.MsgType}`);
  await page.click('#send-btn');
  await page.waitForSelector('#orders tr[data-status="0"]');
  await page.waitForSelector('#trades tbody tr');
  await page.waitForSelector('#positions tr[data-instrument="m2705"]');
  await page.screenshot({ path: join(artifacts, 'console-filled.png'), fullPage: true });

  // The ticket at the lower limit rests; its cancel button cancels it.
  await page.click('.price-btn[data-field="LowerLimitPrice"]');
  if (!(Number(await page.inputValue('#ticket-price')) > 0)) throw new Error('no lower limit price');
  await page.click('#ticket-send');
  await page.click('#orders tr[data-status="3"] .cancel-btn');
  await page.waitForSelector('#orders tr[data-status="5"]');
  await page.screenshot({ path: join(artifacts, 'console-cancelled.png'), fullPage: true });

  // Every frame is in the log, with timing on replies.
  const frames = await page.$$eval('#log .frame', (els) => els.length);
  if (frames < 10) throw new Error(`only ${frames} frames logged`);

  await page.click('#lang-btn');
  const title = await page.textContent('h1');
  if (title !== 'CTP Gateway Console') throw new Error(`English title is "${title}"`);
  await page.screenshot({ path: join(artifacts, 'console-english.png'), fullPage: true });

  if (pageErrors.length > 0) throw new Error(`script errors in the page: ${pageErrors.join('; ')}`);
  console.log(`console test passed; screenshots in ${artifacts}`);
} catch (e) {
  failed = true;
  console.error(e.stack || String(e));
} finally {
  if (browser) await browser.close();
  stopAll();
}
process.exit(failed ? 1 : 0);
