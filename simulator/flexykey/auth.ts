/** HTTP Basic authentication against the demo FlexyWeb users. */
import type { IncomingHttpHeaders } from 'node:http';
import { SimError } from '../core/errors';
import { flexyKeyUsers } from '../demo-credentials';
import type { FlexyKeyUser } from './types';

export interface BasicCredentials {
	username: string;
	password: string;
}

/** The credentials in `Authorization: Basic …`, or undefined when absent or malformed. */
export function basicCredentials(headers: IncomingHttpHeaders): BasicCredentials | undefined {
	const match = /^Basic\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// inferred: a WWW-Authenticate challenge on 401
const challenge = { 'WWW-Authenticate': 'Basic realm="FlexyKey API"' };

export function authenticate(credentials: BasicCredentials | undefined): FlexyKeyUser {
	if (!credentials) throw new SimError(401, 'Authentication required: send HTTP Basic credentials of an API-enabled FlexyWeb user', challenge);
	const user = Object.values(flexyKeyUsers).find((candidate) => candidate.username === credentials.username && candidate.password === credentials.password);
	if (!user) throw new SimError(401, 'Invalid username or password', challenge);
	return { username: user.username, company: user.company };
}
