/**
 * The number of cores to plan for, in Node or in a web page: the page's
 * navigator says, and Node 20 (which has no navigator) answers through
 * its os module, reached at run time so that the engine imports no Node
 * module (the explorer bundles it for the browser).
 */
export function availableCores(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav?.hardwareConcurrency) return nav.hardwareConcurrency;
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = node?.getBuiltinModule?.('node:os') as { availableParallelism(): number } | undefined;
  return os?.availableParallelism() ?? 1;
}
