/**
 * What an AI agent is told a tool does. n8n wraps every `usableAsTool` node as `<name>Tool` and, at run
 * time, fills the node's parameters with their defaults (n8n-workflow's getNodeParameters, where `@tool`
 * holds for the Tool variant) and asks getToolDescriptionForNode. The common operations carry a
 * description written for a model; the others keep n8n's "<action> in <node>"; the plain node shows none.
 */
import type { INode, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { loadPackageNodes, PACKAGE_NAME } from '../../harness/package-types';

const nodes = loadPackageNodes();

/** n8n's tool wrapping (cli tool-generation/ai-tools.js), reduced to what decides the description. */
function asTool(nodeType: INodeType): INodeType {
	const description: INodeTypeDescription = { ...nodeType.description, name: `${nodeType.description.name}Tool` };
	return { ...nodeType, description };
}

function toolDescription(type: string, parameters: INodeParameters): { shown: boolean; description: string } {
	const tool = asTool(nodes.get(`${PACKAGE_NAME}.${type}`)!);
	const node: INode = { id: '1', name: 'Tool', type: `${PACKAGE_NAME}.${type}Tool`, typeVersion: 1, position: [0, 0], parameters };
	node.parameters = NodeHelpers.getNodeParameters(tool.description.properties, parameters, true, false, node, tool.description) ?? {};
	return { shown: 'toolDescription' in node.parameters, description: NodeHelpers.getToolDescriptionForNode(node, tool) };
}

describe('tool descriptions', () => {
	it.each([
		['flexyKey', 'control', 'setOutput', /^Switches one output .*Inputs: the unit ID .*F1 or F2 .*Returns .*exactly one output per call/],
		['flexyKey', 'control', 'getStatus', /^Reads the current state .*Input: the unit ID .*Read only: it changes nothing\.$/],
		['flexyKey', 'access', 'grant', /^Gives a person access .*ISO 8601 .*Returns the new entry .*the PIN .*One person per call/],
		['flexyKey', 'access', 'revoke', /^Takes a person's access away .*Returns the entry removed .*one entry per call/],
		['cekSafe', 'imei', 'check', /^Checks a mobile device's IMEI .*Input: the IMEI, 15 digits .*refused with the reason before anything is sent/],
		['flexUnlock', 'unlock', 'checkEligibility', /^Asks FlexUnlock whether .*Inputs: the IMEI .*carrier's name .*places no order/],
	])('%s %s/%s: written for a model (what it does, inputs, returns, what it will not do)', (type, resource, operation, text) => {
		expect(toolDescription(type, { resource, operation })).toEqual({ shown: true, description: expect.stringMatching(text) });
	});

	it.each([
		['flexyKey', 'sync', 'getStatus', 'Get the sync status in FlexyKey'],
		['flexyKey', 'booking', 'create', 'Create a booking in FlexyKey'],
		['flexUnlock', 'unlock', 'placeOrder', 'Place an unlock order in FlexUnlock'],
	])('%s %s/%s without its own text keeps n8n\'s "<action> in <node>", and the user may write one', (type, resource, operation, fallback) => {
		expect(toolDescription(type, { resource, operation })).toEqual({ shown: true, description: fallback });
		expect(toolDescription(type, { resource, operation, toolDescription: 'Mine' }).description).toBe('Mine');
	});

	it('the plain action node (not a tool) has no Tool Description field', () => {
		const nodeType = nodes.get(`${PACKAGE_NAME}.flexyKey`)!;
		const parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, { resource: 'access', operation: 'grant' }, true, false, { typeVersion: 1 }, nodeType.description);
		expect(parameters).not.toHaveProperty('toolDescription');
	});

	it('every operation of every action node offers exactly one Tool Description field to the tool', () => {
		for (const [type, nodeType] of nodes) {
			if (nodeType.description.group.includes('trigger')) continue;
			const properties = nodeType.description.properties;
			const operations = properties.filter((property) => property.name === 'operation').flatMap((property) =>
				(property.options as Array<{ value: string }>).map((option) => [property.displayOptions!.show!.resource![0] as string, option.value]),
			);
			for (const [resource, operation] of operations) {
				const fields = properties.filter(
					(property) => property.name === 'toolDescription' && property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions.show.operation?.includes(operation),
				);
				expect({ type, resource, operation, fields: fields.length }).toEqual({ type, resource, operation, fields: 1 });
			}
		}
	});
});

/**
 * n8n's editor offers "let the model define this parameter" (✨, `$fromAI`) on a tool's field unless it is
 * a dropdown, a credential picker or `noDataExpression` (editor-ui fromAIOverrideUtils: canBeContentOverride).
 */
const canBeFilledByModel = (property: { type: string; noDataExpression?: boolean }) => !['options', 'credentialsSelect'].includes(property.type) && !property.noDataExpression;

describe('inputs a model can fill ($fromAI) on the common operations', () => {
	it.each([
		['flexyKey', 'control', 'setOutput', ['unit', 'outputNumber', 'outputAction']],
		['flexyKey', 'control', 'getStatus', ['unit']],
		['flexyKey', 'access', 'grant', ['unit', 'idNumber', 'validFromIso', 'validToIso']],
		['flexyKey', 'access', 'revoke', ['unit', 'idNumber']],
		['cekSafe', 'imei', 'check', ['imei']],
		['flexUnlock', 'unlock', 'checkEligibility', ['imei', 'carrier']],
	])('%s %s/%s: %j', (type, resource, operation, inputs) => {
		const tool = asTool(nodes.get(`${PACKAGE_NAME}.${type}`)!).description;
		// What the editor holds for a new tool node: the operation and every shown field's default.
		const values = NodeHelpers.getNodeParameters(tool.properties, { resource, operation }, true, false, { typeVersion: 1 }, tool) ?? {};
		const shown = (name: string) =>
			tool.properties.filter((property) => property.name === name && NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, tool));
		for (const name of inputs) {
			const [property, ...others] = shown(name);
			expect({ name, shown: others.length + 1, fillable: property !== undefined && canBeFilledByModel(property) }).toEqual({ name, shown: 1, fillable: true });
		}
	});

	it('Set Output keeps its dropdowns on the plain node, where a person picks the output', () => {
		const plain = nodes.get(`${PACKAGE_NAME}.flexyKey`)!.description;
		const values = { resource: 'control', operation: 'setOutput' };
		const types = ['outputNumber', 'outputAction'].map((name) => plain.properties.filter((property) => property.name === name && NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, plain)).map((property) => property.type));
		expect(types).toEqual([['options'], ['options']]);
	});
});
