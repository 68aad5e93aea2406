/**
 * The trialsim version, stamped on every result. A constant rather than a
 * read of package.json: the engine also runs in a web page (the explorer),
 * where there is no file system, and its summary.json must carry the same
 * stamp as the command line's. test/version.test.ts fails when this and
 * package.json's "version" differ: bump both together.
 */
export const VERSION = '0.1.0';
