/** Small misbehaving HTTP servers on 127.0.0.1 for the robustness tests. */
import { createServer, type RequestListener, type Server } from 'node:http';

/** A running server and its URL. */
export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `handler` on 127.0.0.1 and a free port. */
export async function serve(handler: RequestListener): Promise<TestServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await serve((_req, res) => res.end());
  const port = Number(new URL(s.url).port);
  await s.close();
  return port;
}
