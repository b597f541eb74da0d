/**
 * The server process must not load the report writers: docx, exceljs and resvg cost tens of
 * MB of heap once imported, and they only run in the export process (server/export/exportRunner.ts).
 * An import of a writer module from a route (for a content type, say) would quietly load them
 * all at start; this test finds such a path through the real bundle graph.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const WRITER_PACKAGES = /^(docx|exceljs|@resvg\/resvg-js)(\/|$)/;

async function packagesImportedFrom(entry: string): Promise<Map<string, string[]>> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const byPackage = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imp of input.imports) {
      if (!imp.external) continue;
      const list = byPackage.get(imp.path) ?? [];
      list.push(file);
      byPackage.set(imp.path, list);
    }
  }
  return byPackage;
}

describe('what the server process loads', () => {
  it('the server entry reaches no report writer package', async () => {
    const imported = await packagesImportedFrom('server/index.ts');
    const writers = [...imported].filter(([pkg]) => WRITER_PACKAGES.test(pkg)).map(([pkg, files]) => `${pkg} <- ${files.join(', ')}`);
    expect(writers).toEqual([]);
    // The check itself can see packages: the server does import socket.io.
    expect(imported.has('socket.io')).toBe(true);
  });

  it('the export process does load them', async () => {
    const imported = await packagesImportedFrom('server/export/exportWorker.ts');
    expect([...imported.keys()].filter((pkg) => WRITER_PACKAGES.test(pkg)).sort()).toEqual(['@resvg/resvg-js', 'docx', 'exceljs']);
  });
});
