/**
 * The action nodes as tools of n8n's AI Agent, in the real n8n: an agent (@n8n/n8n-nodes-langchain.agent)
 * with an OpenAI-compatible chat model node whose credential's base URL points at a scripted model
 * (e2e/scripted-model.ts: no real model, no network) that answers with tool calls. Attached as tools:
 * FlexyKey → Grant Access, FlexyKey → Set Output and CekSafe → Check, their inputs given by the model through `$fromAI`.
 * The agent grants a PIN on a unit, checks an IMEI, tries an IMEI with a wrong check digit, then switches
 * an output (Set Output, whose Output and Action are text on the tool); the simulator must have received exactly those calls with the model's arguments, the bad IMEI must
 * come back to the model as the node's own error with nothing sent, and the final answer carries the results.
 */
import { randomUUID } from 'node:crypto';
import { cekSafeFixtures } from '../simulator/ceksafe/catalogue';
import { cekSafeKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import type { N8nClient, WorkflowJson } from '../scripts/n8n-api';
import { connect, nodeOutput, readContext, simRequest, waitFor, waitForExecutions } from './context';
import { ScriptedModel, textOf, type ChatRequest, type Turn } from './scripted-model';

const context = readContext();

const UNIT = 3023;
const GUEST = `agent-${randomUUID().slice(0, 8)}`;
const FROM = '2030-06-01T14:00:00.000Z';
const TO = '2030-06-03T11:00:00.000Z';
const GOOD_IMEI = cekSafeFixtures.cleanImei;
const BAD_IMEI = cekSafeFixtures.badLuhnImei;
const PATH = `e2e-agent-${randomUUID().slice(0, 8)}`;

const fromAI = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

/** The tool whose name starts with `prefix`, as the agent offered it to the model. */
function toolNamed(request: ChatRequest, prefix: string): string {
	const tool = request.tools?.find((candidate) => candidate.function.name.startsWith(prefix));
	if (!tool) throw new Error(`no tool named ${prefix}… among ${(request.tools ?? []).map((candidate) => candidate.function.name).join(', ')}`);
	return tool.function.name;
}

/** Grant, check a good IMEI, try a bad one, then answer with what the tools said. */
function script(request: ChatRequest): Turn {
	const results = request.messages.filter((message) => message.role === 'tool').map(textOf);
	switch (results.length) {
		case 0:
			return { call: { tool: toolNamed(request, 'Grant'), arguments: { unitId: String(UNIT), idNumber: GUEST, validFrom: FROM, validTo: TO } } };
		case 1:
			return { call: { tool: toolNamed(request, 'Check'), arguments: { imei: GOOD_IMEI } } };
		case 2:
			return { call: { tool: toolNamed(request, 'Check'), arguments: { imei: BAD_IMEI } } };
		case 3:
			// as a model writes them: lower case, the action as a word
			return { call: { tool: toolNamed(request, 'Open'), arguments: { unitId: String(UNIT), output: 'f2', action: 'on' } } };
		default:
			return { answer: `GRANTED ${results[0]}\nCHECKED ${results[1]}\nREFUSED ${results[2]}\nSWITCHED ${results[3]}` };
	}
}

const unitFromModel = { __rl: true, mode: 'id', value: fromAI('unitId', 'The FlexyKey unit ID') };

/** One of this package's action nodes as an agent tool (`<type>Tool`), with the demo credential of its service. */
function packageTool(name: string, type: 'flexyKey' | 'cekSafe', x: number, parameters: Record<string, unknown>): WorkflowJson['nodes'][number] {
	const credentialType = type === 'flexyKey' ? 'flexyKeyApi' : 'cekSafeApi';
	const { id, name: credentialName } = context.credentials[credentialType];
	return { id: randomUUID(), name, type: `n8n-nodes-device-access.${type}Tool`, typeVersion: 1, position: [x, 200], parameters, credentials: { [credentialType]: { id, name: credentialName } } };
}

function agentWorkflow(credentialId: string): WorkflowJson {
	return {
		name: `AI agent with device-access tools [e2e ${PATH}]`,
		nodes: [
			{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: PATH, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} } },
			{
				id: randomUUID(),
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [220, 0],
				parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: { systemMessage: 'You manage door access and check phones. Use the tools.' } },
			},
			{
				id: randomUUID(),
				name: 'Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [220, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
				credentials: { openAiApi: { id: credentialId, name: 'Scripted model' } },
			},
			packageTool('Grant PIN', 'flexyKey', 420, {
				resource: 'access',
				operation: 'grant',
				unit: unitFromModel,
				idNumber: fromAI('idNumber', 'Who the PIN is for: phone number or booking reference'),
				entryAction: 'R1',
				validFromIso: fromAI('validFrom', 'Start of validity, ISO 8601'),
				validToIso: fromAI('validTo', 'End of validity, ISO 8601'),
			}),
			packageTool('Check IMEI', 'cekSafe', 620, { resource: 'imei', operation: 'check', imei: fromAI('imei', 'The 15-digit IMEI'), checkType: 'basic' }),
			packageTool('Open Door', 'flexyKey', 820, {
				resource: 'control',
				operation: 'setOutput',
				unit: unitFromModel,
				outputNumber: fromAI('output', 'The output: F1, F2 or X1 to X64'),
				outputAction: fromAI('action', 'ON, OFF or pulse seconds'),
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Open Door': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			'Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Grant PIN': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			'Check IMEI': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

interface SimState {
	flexykey: { idEntries: Array<Record<string, unknown>>; counters: { requests: number }; io: Record<string, { outputs: Record<string, string> }> };
	ceksafe: { requestCount: number; history: Record<string, number> };
}
const simState = async () => (await simRequest<SimState>(context, 'GET', '/_sim/state')).body;
const demoAuthorization = `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}`;
/** Sets unit 3023's F2 directly at the simulator (not through n8n): the state the test starts from and leaves. */
async function switchF2(action: 'ON' | 'OFF'): Promise<void> {
	await simRequest(context, 'POST', '/flexykey/v1/Control', { body: { unitId: UNIT, outputNumber: 'F2', outputAction: action }, headers: { authorization: demoAuthorization } });
}

describe('the action nodes as AI agent tools', () => {
	let client: N8nClient;
	let model: ScriptedModel;
	beforeAll(async () => {
		client = await connect(context);
		model = await ScriptedModel.start(script);
	});
	afterAll(async () => {
		await model?.close();
		// The simulator is shared by every suite: the FlexyKey Trigger's example reads unit 3023's outputs.
		await switchF2('OFF');
	});

	it('the agent grants a PIN, checks an IMEI and switches an output through the tools; a bad IMEI comes back as the node\'s error, nothing sent', async () => {
		const credential = await client.createCredential('Scripted model', 'openAiApi', { apiKey: 'sk-scripted-e2e', url: model.baseUrl, header: false });
		const workflow = await client.createWorkflow(agentWorkflow(credential.id));
		await client.publishWorkflow(workflow.id);
		await switchF2('OFF');
		const before = await simState();
		expect(before.flexykey.io[String(UNIT)].outputs.F2).toBe('OFF');

		const answer = await waitFor(`webhook ${PATH}`, async () => {
			const res = await fetch(`${context.webhookUrl}/webhook/${PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ prompt: `Give ${GUEST} a PIN on unit ${UNIT} from ${FROM} to ${TO}, then check the phones ${GOOD_IMEI} and ${BAD_IMEI}.` }),
			});
			return res.status === 404 ? undefined : { status: res.status, body: await res.text() };
		}, 10_000);
		const [execution] = await waitForExecutions(client, workflow.id, 1, 60_000);
		expect({ status: execution.status, error: execution.data?.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
		expect(answer.status).toBe(200);

		// The model was offered both tools, each with the inputs the workflow lets it give ($fromAI) and a description written for it.
		const offered = model.requests[0].tools ?? [];
		const grantTool = offered.find((tool) => tool.function.name.startsWith('Grant'))!;
		const checkTool = offered.find((tool) => tool.function.name.startsWith('Check'))!;
		expect(Object.keys((grantTool.function.parameters as { properties: object }).properties).sort()).toEqual(['idNumber', 'unitId', 'validFrom', 'validTo']);
		expect(Object.keys((checkTool.function.parameters as { properties: object }).properties)).toEqual(['imei']);
		expect(grantTool.function.description).toMatch(/^Gives a person access to a FlexyKey unit with a PIN/);
		expect(checkTool.function.description).toMatch(/^Checks a mobile device's IMEI with CekSafe/);

		// FlexyKey: exactly one new entry, for the model's person, unit and window, synced to the unit.
		const after = await simState();
		const knownIds = new Set(before.flexykey.idEntries.map((entry) => entry.id));
		const created = after.flexykey.idEntries.filter((entry) => !knownIds.has(entry.id));
		expect(created).toEqual([expect.objectContaining({ unitId: UNIT, idNumber: GUEST, validFromIso: expect.any(String), unitSyncState: 'synced' })]);
		expect([Date.parse(created[0].validFromIso as string), Date.parse(created[0].validToIso as string)]).toEqual([Date.parse(FROM), Date.parse(TO)]);
		const pin = created[0].codeTag as string;
		expect(pin).toMatch(/^\d{4,8}$/);

		// CekSafe: exactly one request (the good IMEI's check); the bad IMEI never left n8n.
		expect(after.ceksafe.requestCount - before.ceksafe.requestCount).toBe(1);
		const history = await fetch(`${context.simUrls.ceksafe}/history?limit=1`, { headers: { authorization: `Bearer ${cekSafeKeys.growth.key}` } });
		expect(((await history.json()) as { data: { checks: Array<{ imei: string }> } }).data.checks[0].imei).toBe(GOOD_IMEI);

		// What the tools told the model, and the agent's final answer, which carries it.
		// Set Output as a tool: the model's "f2"/"on" switched F2 on.
		expect(after.flexykey.io[String(UNIT)].outputs.F2).toBe('ON');

		const [granted, checked, refused, switched] = model.toolResults();
		expect(granted).toContain(pin);
		expect(checked).toMatch(/"status":\s*"clean"/);
		expect(refused).toMatch(/IMEI/);
		expect(refused).toMatch(/check digit/i);
		const output = (JSON.parse(answer.body) as { output: string }).output;
		expect(output).toContain(`GRANTED ${granted}`);
		expect(output).toContain(pin);
		expect(output).toMatch(/CHECKED .*clean/s);
		expect(output).toMatch(/REFUSED .*check digit/is);
		expect(switched).toMatch(/"outputNumber":\s*"F2"/);
		expect(output).toContain(`SWITCHED ${switched}`);
		expect(nodeOutput(execution, 'AI Agent')[0].output).toBe(output);
	});
});
