/**
 * The nginx configuration for several Samenspraak servers behind one address: the one
 * `npm run test:cluster` runs, and the one `npm run cluster:nginx` prints for a real setup.
 *
 *   /n/<id>/…   to node <id> (prefix stripped): a session's sockets and requests go to its
 *               owner by path, so long polling always reaches the node that knows its id;
 *   /…          to any node, the same one per client address (ip_hash): pages, the API, and
 *               a first socket, which that node sends on to the owner ("server:moved").
 *
 * WebSocket upgrades pass through; timeouts outlast Socket.IO's pings; X-Forwarded-For for
 * the limits per address (set TRUST_PROXY=1 on the nodes).
 */
export interface NginxNode {
  readonly id: string;
  /** host:port where nginx reaches the node. */
  readonly address: string;
}

export interface NginxOptions {
  readonly listen: string;
  readonly nodes: readonly NginxNode[];
  /** For a private nginx run by a test: its pid, log and temp files under this directory. */
  readonly runDir?: string;
}

const PROXY = `
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 75s;
      proxy_send_timeout 75s;
      proxy_buffering off;
      proxy_next_upstream error timeout;`;

export function nginxConfig(opts: NginxOptions): string {
  const run = opts.runDir;
  const http = `
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }

  upstream samenspraak_any {
    ip_hash;
${opts.nodes.map((n) => `    server ${n.address} max_fails=1 fail_timeout=5s;`).join('\n')}
  }

  server {
    listen ${opts.listen};
    client_max_body_size 1m;
${opts.nodes
  .map(
    (n) => `
    location /n/${n.id}/ {
      proxy_pass http://${n.address}/;${PROXY}
    }`,
  )
  .join('\n')}

    location / {
      proxy_pass http://samenspraak_any;${PROXY}
    }
  }`;
  if (!run) return `# Samenspraak on ${opts.nodes.length} servers: put this in the http { } block (e.g. /etc/nginx/conf.d/samenspraak.conf).\n${http.replace(/^ {2}/gm, '')}\n`;
  return `daemon off;
worker_processes 1;
pid ${run}/nginx.pid;
error_log ${run}/error.log warn;
# Each client holds two connections (its own and the one to its node): room for 2,000 phones and more.
events { worker_connections 10000; }
http {
  access_log off;
  client_body_temp_path ${run}/body;
  proxy_temp_path ${run}/proxy;
  fastcgi_temp_path ${run}/fastcgi;
  uwsgi_temp_path ${run}/uwsgi;
  scgi_temp_path ${run}/scgi;
${http}
}
`;
}
