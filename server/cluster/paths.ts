/**
 * Where a node is reached through the proxy. Each node has a path prefix (NODE_PATH, by
 * default /n/<NODE_ID>); the proxy strips it and hands the request to that node, so a client
 * told "the session lives at /n/b" connects its socket to /n/b/socket.io, and downloads of
 * such a session are redirected to /n/b/api/….
 */
export function socketPath(nodePath: string): string {
  return `${nodePath.replace(/\/+$/, '')}/socket.io`;
}

export function defaultNodePath(nodeId: string): string {
  return `/n/${nodeId}`;
}
