/**
 * The browser tests' Chromium (test/helpers/chromium.ts): what a suite does without it, and
 * the one Chromium a test worker shares between its browser suites — the same browser for
 * every suite, launched again after it was closed or crashed, left alone by a stop signal
 * that a CLI test emits in-process for the CLI's own handler.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserPlan, browserSuite, sharedChromium, useChromium } from './chromium.js';

/** This worker's child processes named `chromium…` (the browsers it launched: chromium, chromium-headless-shell). */
function chromiumChildren(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat)!;
      if (comm.startsWith('chromium') && Number(rest.split(' ')[1]) === process.pid) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const disconnected = (b: Browser): Promise<void> => new Promise((resolve) => (b.isConnected() ? b.once('disconnected', () => resolve()) : resolve()));

describe('browser suites without Chromium', () => {
  it('run with it; without it are skipped, except in CI, where they fail', () => {
    expect(browserPlan(true, {})).toBe('run');
    expect(browserPlan(true, { CI: 'true' })).toBe('run');
    expect(browserPlan(false, {})).toBe('skip');
    expect(browserPlan(false, { CI: 'false' })).toBe('skip');
    expect(browserPlan(false, { CI: 'true' })).toBe('fail');
    expect(browserPlan(false, { CI: '1' })).toBe('fail');
  });
});

describe(browserSuite("a test worker's Chromium"), () => {
  let browser: Browser;
  let openAtStart = -1;
  const chromium = useChromium((b) => {
    browser = b;
    openAtStart = b.contexts().length;
  });

  it('is one browser for the suites of a worker, with nothing left open by the suites before', async () => {
    expect(await sharedChromium()).toBe(browser);
    expect(openAtStart).toBe(0);
  });

  it("opens files in one page per colour scheme (or a page of its own), watching each file's problems only", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-chromium-'));
    try {
      writeFileSync(join(dir, 'a.html'), '<link rel="stylesheet" href="a.css"><p>a</p>');
      writeFileSync(join(dir, 'a.css'), 'p { color: red }');
      writeFileSync(join(dir, 'b.html'), '<script>console.error("bad")</script>');
      writeFileSync(join(dir, 'c.html'), '<p>c</p>');
      const a = await chromium.open(join(dir, 'a.html'));
      await expect.poll(() => a.problems).toEqual([`request: ${pathToFileURL(join(dir, 'a.css')).href}`]);
      const b = await chromium.open(join(dir, 'b.html'), { viewport: { width: 390, height: 900 } });
      expect(b.page).toBe(a.page);
      await expect.poll(() => b.problems).toEqual(['console error: bad']);
      expect(a.problems).toHaveLength(1); // b's problems are b's
      expect(await b.page.evaluate(() => innerWidth)).toBe(390);
      const c = await chromium.open(join(dir, 'c.html'), { colorScheme: 'dark' });
      const d = await chromium.open(join(dir, 'c.html'), { own: true });
      expect(new Set([a.page, c.page, d.page]).size).toBe(3);
      expect(await c.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      expect(await d.page.evaluate(() => [matchMedia('(prefers-color-scheme: dark)').matches, innerWidth])).toEqual([false, 1280]);
      expect((await chromium.open(join(dir, 'c.html'))).page).toBe(a.page);
      expect(await a.page.evaluate(() => innerWidth)).toBe(1280);
      expect([c.problems, d.problems]).toEqual([[], []]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is left running by a stop signal emitted in-process for a CLI handler', async () => {
    const heard: string[] = [];
    const cli = (): number => heard.push('cli');
    process.on('SIGINT', cli);
    try {
      process.emit('SIGINT');
    } finally {
      process.off('SIGINT', cli);
    }
    expect(heard).toEqual(['cli']);
    const page = await chromium.page();
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    expect(browser.isConnected()).toBe(true);
  });
});

describe(browserSuite("a test worker's Chromium, gone"), () => {
  const chromium = useChromium();

  it('is launched again after it was closed, and after it crashed', async () => {
    const first = await sharedChromium();
    await first.close();
    const second = await sharedChromium();
    expect(second).not.toBe(first);
    expect(second.isConnected()).toBe(true);
    const [pid] = chromiumChildren();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await disconnected(second);
    const third = await sharedChromium();
    expect(third).not.toBe(second);
    const page = await chromium.page({ colorScheme: 'dark', viewport: { width: 390, height: 900 } });
    expect(await page.evaluate(() => [matchMedia('(prefers-color-scheme: dark)').matches, innerWidth])).toEqual([true, 390]);
  }, 60_000);
});
