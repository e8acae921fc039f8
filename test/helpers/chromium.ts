// Where the browser tests (test/report/html-browser.test.ts) expect Chromium, and what the
// test summary says when it is missing (README "Development" quotes it).

/** Debian's Chromium, which `.ci/run` installs. */
export const CHROMIUM = '/usr/bin/chromium';

/** The skip note (and the CI failure message) when {@link CHROMIUM} is missing. */
export const CHROMIUM_MISSING = `${CHROMIUM} not found; install it with: apt-get install chromium`;
