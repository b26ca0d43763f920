/**
 * A scripted stand-in for an OpenAI-compatible chat model (`POST /v1/chat/completions`), for the agent
 * e2e test: no real model, no network. Each answer is decided by a script from the conversation so far
 * (how many tool results came back, and what they said); every request is recorded so the test can
 * read what the agent sent the model (tool definitions, tool results). Answers in JSON, or as
 * server-sent events when the request asks to stream.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_call_id?: string;
	tool_calls?: ToolCall[];
}

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
	stream?: boolean;
}

/** The model's next turn: call one tool, or answer. */
export type Turn = { call: { tool: string; arguments: Record<string, unknown> } } | { answer: string };

export type Script = (request: ChatRequest) => Turn;

/** The text of a message, whatever form the client sent it in. */
export function textOf(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

export class ScriptedModel {
	readonly requests: ChatRequest[] = [];
	private calls = 0;

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		private readonly script: Script,
	) {}

	static async start(script: Script): Promise<ScriptedModel> {
		const holder: { model?: ScriptedModel } = {};
		const server = createServer((req, res) => void holder.model!.handle(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		holder.model = new ScriptedModel(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, script);
		return holder.model;
	}

	/** The tool results the agent sent back, in order. */
	toolResults(): string[] {
		const last = this.requests.at(-1);
		return (last?.messages ?? []).filter((message) => message.role === 'tool').map(textOf);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const path = new URL(req.url ?? '/', 'http://model').pathname;
		if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `the scripted model serves POST /v1/chat/completions only, not ${req.method} ${path}` } }));
			return;
		}
		const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(request);
		let turn: Turn;
		try {
			turn = this.script(request);
		} catch (error) {
			res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `script: ${(error as Error).message}` } }));
			return;
		}
		const message = 'call' in turn
			? { role: 'assistant', content: null, tool_calls: [{ id: `call_${++this.calls}`, type: 'function', function: { name: turn.call.tool, arguments: JSON.stringify(turn.call.arguments) } }] }
			: { role: 'assistant', content: turn.answer };
		const finish = 'call' in turn ? 'tool_calls' : 'stop';
		const base = { id: `chatcmpl-${this.requests.length}`, created: Math.floor(Date.now() / 1000), model: request.model };
		const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
		if (!request.stream) {
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage }));
			return;
		}
		const delta = 'call' in turn ? { role: 'assistant', content: null, tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })) } : { role: 'assistant', content: turn.answer };
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }], usage })}\n\n`);
		res.end('data: [DONE]\n\n');
	}
}
