import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

/** The simulators' TLS identity. Clients trust `certPath` through NODE_EXTRA_CA_CERTS. */
export interface SimCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

export const SIM_CERT_FILE = 'sim-cert.pem';
export const SIM_KEY_FILE = 'sim-key.pem';

/** Regenerate a little before the end so a long demo never meets an expired certificate. */
const MIN_REMAINING_MS = 7 * 24 * 3600_000;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, kept in `dir` and reused while valid:
 * NODE_EXTRA_CA_CERTS is read once when a Node process starts, so a client started earlier must
 * keep meeting the same certificate. MSAL refuses plain http, hence TLS at all.
 */
export async function ensureSimCertificate(dir: string): Promise<SimCertificate> {
  const certPath = path.join(dir, SIM_CERT_FILE);
  const keyPath = path.join(dir, SIM_KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const key = readFileSync(keyPath, 'utf8');
    if (isUsable(cert)) return { certPath, keyPath, cert, key };
  }
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'Daicho local simulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 3600_000),
    notAfterDate: new Date(now + 2 * 365 * 24 * 3600_000),
    extensions: [
      // A CA flag lets OpenSSL accept the certificate as its own trust anchor (like `openssl req -x509`).
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  // Key first, then certificate, each renamed into place: a reader that finds a certificate
  // may assume its key is complete.
  writeAtomically(keyPath, pems.private, 0o600);
  writeAtomically(certPath, pems.cert, 0o644);
  return { certPath, keyPath, cert: pems.cert, key: pems.private };
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, file);
}

function isUsable(certPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const remaining = new Date(cert.validTo).getTime() - Date.now();
    return remaining > MIN_REMAINING_MS && cert.checkIP('127.0.0.1') === '127.0.0.1';
  } catch {
    return false; // unreadable: generate a new one
  }
}
