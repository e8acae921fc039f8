/**
 * The browser tests' Chromium (test/helpers/chromium.ts): what a suite does without it, and
 * the one Chromium a test worker shares between its browser suites — the same browser for
 * every suite, launched again after it was closed or crashed, left alone by a stop signal
 * that a CLI test emits in-process for the CLI's own handler.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserPlan, browserSuite, sharedChromium, useChromium } from './chromium.js';

/** This worker's child processes named `chromium` (the browsers it launched). */
function chromiumChildren(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat)!;
      if (comm === 'chromium' && Number(rest.split(' ')[1]) === process.pid) pids.push(Number(name));
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
