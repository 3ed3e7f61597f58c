import net from 'node:net';

/** free: nothing listens there; in-use: something does; denied: this user may not listen there. */
export type PortState = 'free' | 'in-use' | 'denied';

function tryListen(port: number, host: string): Promise<PortState | 'n/a'> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') resolve('in-use');
      else if (e.code === 'EACCES') resolve('denied');
      else resolve('n/a'); // no such interface here (a machine without IPv6)
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve('free')));
  });
}

/**
 * Whether a TCP port can be listened on, asked before anything is started on it: on the
 * loopback address and on every interface, as a local bot (127.0.0.1) and a server or the Agents
 * Playground (all interfaces) would listen. Another process may still take it a moment later:
 * the one listening then says so as well.
 */
export async function portState(port: number): Promise<PortState> {
  for (const host of ['127.0.0.1', '::', '0.0.0.0']) {
    const state = await tryListen(port, host);
    if (state === 'in-use' || state === 'denied') return state;
  }
  return 'free';
}

/** The error a server's listen() fails with when the port is taken. */
export function isAddressInUse(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'EADDRINUSE';
}
