import type { BuildOptions } from 'esbuild';

export declare const explorerEntries: { worker: string; page: string };
export declare const PORTABLE_MATH: string[];
export declare const browserOptions: BuildOptions;
export declare function portableMathLeft(text: string): string[];
export declare function buildExplorer(outdir: string): Promise<void>;
