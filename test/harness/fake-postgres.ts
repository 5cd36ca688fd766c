import { createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback stand-in for a PostgreSQL server that refuses every connection with one SQLSTATE
 * (28P01 wrong password, 3D000 no such database), or never answers at all ('silent').
 */
export async function startFakePostgres(
  behaviour: { refuseWith: string; message: string } | 'silent',
): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (behaviour === 'silent') return;
    // Whatever the startup message says, answer with a FATAL ErrorResponse and hang up.
    socket.once('data', () => socket.end(errorResponse(behaviour.refuseWith, behaviour.message)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    field('S', 'FATAL'),
    field('V', 'FATAL'),
    field('C', code),
    field('M', message),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

function field(type: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(type), Buffer.from(value), Buffer.from([0])]);
}
