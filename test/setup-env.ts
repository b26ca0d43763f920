// n8n-core writes an instance key under $N8N_USER_FOLDER unless these are set: keep tests out of $HOME.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'device-access-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'device-access-test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
