/**
 * `npm run cluster:nginx -- --listen 80 a=10.0.0.11:3000 b=10.0.0.12:3000`: prints the nginx
 * configuration for these nodes (the one `npm run test:cluster` tests; see
 * scripts/lib/cluster/nginx.ts and the README, "Op meerdere servers").
 */
import { nginxConfig, type NginxNode } from './lib/cluster/nginx.ts';

const args = process.argv.slice(2);
const listenAt = args.indexOf('--listen');
const listen = listenAt >= 0 ? args[listenAt + 1] : '80';
const nodes: NginxNode[] = args
  .filter((a, i) => a.includes('=') && i !== listenAt + 1)
  .map((a) => {
    const [id, address] = a.split('=') as [string, string];
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(id) || !address) throw new Error(`expected <node id>=<host:port>, got ${a}`);
    return { id, address };
  });
if (nodes.length === 0 || !listen) {
  console.error('usage: npm run cluster:nginx -- [--listen 80] a=10.0.0.11:3000 b=10.0.0.12:3000 …');
  process.exit(2);
}
process.stdout.write(nginxConfig({ listen, nodes }));
