/** Builds small workflows the way the n8n editor saves them: a manual trigger feeding a chain of nodes. */
import type { IConnections, INode, INodeCredentials, INodeParameters } from 'n8n-workflow';
import { PACKAGE_NAME } from './package-types';
import type { WorkflowJson } from './run-workflow';

export interface StepSpec {
	name: string;
	/** `cekSafe` for this package's nodes, or a full type like `test.fixedItems`. */
	type: string;
	parameters?: INodeParameters;
	credentials?: INodeCredentials;
	continueOnFail?: boolean;
}

const credentialFor: Record<string, string> = {
	cekSafe: 'cekSafeApi',
	flexUnlock: 'flexUnlockApi',
	flexyKey: 'flexyKeyApi',
};

export function chain(...steps: StepSpec[]): WorkflowJson {
	const nodes: INode[] = [
		{ id: 'trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	steps.forEach((step, index) => {
		const packageNode = !step.type.includes('.');
		const credentialType = credentialFor[step.type];
		nodes.push({
			id: `node-${index}`,
			name: step.name,
			type: packageNode ? `${PACKAGE_NAME}.${step.type}` : step.type,
			typeVersion: 1,
			position: [(index + 1) * 220, 0],
			parameters: step.parameters ?? {},
			credentials: step.credentials ?? (credentialType ? { [credentialType]: { id: `${credentialType}-1`, name: `${credentialType} account` } } : undefined),
			...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		});
	});
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: steps.map((step) => step.name).join(' → '), nodes, connections };
}
