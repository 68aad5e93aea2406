import type { BuildOptions } from 'esbuild';

export declare const explorerEntries: { worker: string; page: string };
export declare const browserOptions: BuildOptions;
export declare function buildExplorer(outdir: string): Promise<void>;
