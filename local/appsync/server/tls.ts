/**
 * One port for http:// and https:// (so ws:// and wss://). aws-amplify derives a `wss://` URL from
 * any GraphQL endpoint that is not AppSync's own domain, `http://` ones included, so the local
 * real-time endpoint must answer TLS on the API's port; plain HTTP keeps working for everything
 * else. The first byte tells them apart (0x16 opens a TLS handshake). The certificate is a
 * self-signed one for the loopback names, made once per process by `selfsigned`: a browser must be
 * told to accept it (Playwright's ignoreHTTPSErrors; by hand, open https://127.0.0.1:<port>/graphql once).
 */
import type http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

let certificate: Promise<Certificate> | undefined;

export function localCertificate(): Promise<Certificate> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

const TLS_HANDSHAKE = 0x16;

/** A TCP server handing each connection to `server`, through TLS when it starts a handshake. */
export function plainOrTls(server: http.Server, pems: Certificate): net.Server {
  const secure = tls.createServer({ key: pems.key, cert: pems.cert }, (socket) => server.emit('connection', socket));
  secure.on('tlsClientError', (_error, socket) => socket.destroy());
  return net.createServer((socket) => {
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) secure.emit('connection', socket);
      else server.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
}
