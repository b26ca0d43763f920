/**
 * The load balancer of the queue-mode set-up (scripts/n8n-queue.ts): HAProxy (Debian's `haproxy`) in
 * front of the webhook processes, with the health check docs/queue-mode.md tells users to copy.
 *
 * Why a readiness-checked balancer: n8n 2.40 starts listening before it has finished with its database
 * (`BaseCommand.init` calls `AbstractServer.init`, which listens, before `DbConnection.migrate`), and
 * until then the middleware of `AbstractServer.setupHealthCheck` answers every request
 * `200 n8n is starting up. Please wait` — including a vendor's delivery, which then counts as
 * acknowledged although nothing ran. `GET /healthz/readiness` answers 503 until the process serves
 * webhooks, so a balancer that routes by it never sends a delivery there in that window.
 *
 * Where HAProxy is missing it is installed with apt-get when this runs as root (as .ci/run does);
 * otherwise (a hosted CI runner, a developer without root) there is no balancer, the deliveries go
 * straight to the webhook process, and what needs the balancer says it was skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loggedChild } from './logged-child';
import { freePort } from './n8n-process';
import { canInstallWithApt, installWithApt } from './queue-services';

export interface Balancer {
	/** Where the vendors deliver: the balancer's own address (`N8N_WEBHOOK_URL`). */
	url: string;
	stop(): Promise<void>;
}

const HAPROXY_CANDIDATES = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/usr/bin/haproxy'];

const haproxyBin = () => HAPROXY_CANDIDATES.find((candidate) => existsSync(candidate));

/** HAProxy's binary, installed first when missing and this runs as root; undefined when neither. */
export function ensureHaproxy(): string | undefined {
	if (!haproxyBin() && canInstallWithApt()) installWithApt(['haproxy']);
	return haproxyBin();
}

/**
 * The configuration docs/queue-mode.md shows, with this run's addresses. A server is taken out after
 * 2 failed readiness checks 2 s apart (a check may take 10 s: a busy process answers late), or at once
 * when a delivery cannot connect to it (`observe layer4`: a stopped process refuses connections before
 * its next check), and put back after 2 checks answered 200. A refused connection is retried on another server (`option redispatch`): nothing was
 * sent, so a delivery cannot run twice; a request sent and not answered is never retried (HAProxy's
 * default `retry-on conn-failure`). With no server up HAProxy answers 503 itself.
 */
export function haproxyConfig(port: number, backends: string[]): string {
	return [
		'global',
		'\tmaxconn 4096',
		'defaults',
		'\tmode http',
		'\ttimeout connect 5s',
		// A burst of deliveries is answered slowly (docs/queue-mode.md, Figures): far over HAProxy's usual 30 s.
		'\ttimeout client 300s',
		'\ttimeout server 300s',
		// A process busy with a burst answers its readiness check late, not never; HAProxy's default check
		// timeout (inter: 2 s) took the only one out mid-burst. A stopped process refuses at once anyway.
		'\ttimeout check 10s',
		'\tretries 2',
		'\toption redispatch',
		'frontend webhooks',
		`\tbind 127.0.0.1:${port}`,
		'\tdefault_backend n8n_webhook',
		'backend n8n_webhook',
		'\toption httpchk GET /healthz/readiness',
		'\thttp-check expect status 200',
		'\tdefault-server inter 2s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down',
		...backends.map((backend, index) => `\tserver webhook-${index + 1} ${new URL(backend).host} check`),
		'',
	].join('\n');
}

/** Starts HAProxy on a free loopback port in front of `backends` (webhook processes' base URLs); undefined without HAProxy. */
export async function startHaproxy(dir: string, backends: string[]): Promise<Balancer | undefined> {
	const bin = ensureHaproxy();
	if (!bin) return undefined;
	const port = await freePort();
	const config = join(dir, 'haproxy.cfg');
	writeFileSync(config, haproxyConfig(port, backends));
	const check = spawnSync(bin, ['-c', '-f', config], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`HAProxy refuses ${config}: ${check.stdout}${check.stderr}`);
	// -db: stay in the foreground (a child of this process, stopped with it).
	const child = spawn(bin, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
	const { stop } = loggedChild(child, join(dir, 'haproxy.log'));
	const url = `http://127.0.0.1:${port}`;
	// Listening once it answers (503 until a webhook process is up, which is fine here).
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`HAProxy exited at start (see ${join(dir, 'haproxy.log')})`);
		const answered = await fetch(`${url}/`).then(
			() => true,
			() => false,
		);
		if (answered) return { url, stop };
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`HAProxy did not listen on ${url} within 10 s`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
