import type { CommandModule } from 'yargs';
import { writeExplorer } from '../explore/folder.js';
import { serveExplorer } from '../explore/serve.js';
import { wholeNumber } from './options.js';

interface ExploreArgs { file?: string; out: string; serve: boolean; port: number }

/** `trialsim explore [SCENARIO] [--out DIR] [--serve [--port P]]`: the design explorer page. */
export const exploreCommand: Omit<CommandModule<object, ExploreArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('file', { type: 'string', describe: 'Scenario to start from (default: the two-arm flagship)' })
    .option('out', { type: 'string', default: 'results/explore', describe: 'Folder to write the page into' })
    .option('serve', { type: 'boolean', default: false, describe: 'Serve the folder on 127.0.0.1 until interrupted' })
    .option('port', { type: 'number', default: 8023, describe: 'Port to serve on (0: any free port)' }) as never,
  handler: async (args) => {
    const { folder } = writeExplorer(args.out, args.file);
    if (!args.serve) {
      process.stdout.write(`explorer written to ${folder}/ (open ${folder}/index.html in a browser; no server or network needed)\n`);
      return;
    }
    const { url } = await serveExplorer(folder, wholeNumber('port', args.port, 0, 65535)!);
    process.stdout.write(`explorer at ${url} (127.0.0.1 only; Ctrl-C stops it)\n`);
    await new Promise<void>(() => {});
  },
};
