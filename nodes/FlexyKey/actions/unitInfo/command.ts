/** The "one command type or one profile" choice shared by Request and Request and Wait. */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { invalidInput } from '../../../shared/validation';
import type { FieldSpec } from '../../../shared/display';

export type CommandSelection = { typeName: string } | { profile: string };

export function commandFields(): FieldSpec[] {
	return [
		{
			displayName: 'Request',
			name: 'requestKind',
			type: 'options',
			default: 'type',
			options: [
				{ name: 'One Command Type', value: 'type', description: 'One approved CHECK command, e.g. CHECKTEMP' },
				{ name: 'One Profile', value: 'profile', description: 'A pre-built set of commands, e.g. controlStatusFull' },
			],
		},
		{
			displayName: 'Command Type Name or ID',
			name: 'typeName',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUnitInfoTypes' },
			required: true,
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Approved commands from the public catalog (Unit Info → Get Types), e.g. CHECKTEMP, CHECKSYS',
			displayOptions: { show: { requestKind: ['type'] } },
		},
		{
			displayName: 'Profile Name or ID',
			name: 'profile',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUnitInfoProfiles' },
			required: true,
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Pre-built profiles from the public catalog, e.g. controlStatusFull',
			displayOptions: { show: { requestKind: ['profile'] } },
		},
	];
}

export function commandSelection(ctx: IExecuteFunctions, item: ItemScope): CommandSelection {
	const kind = ctx.getNodeParameter('requestKind', item.index, 'type') as string;
	if (kind === 'profile') {
		const profile = String(ctx.getNodeParameter('profile', item.index, '') ?? '').trim();
		if (profile === '') throw invalidInput(ctx, item, 'Profile', 'is required: pick a profile, e.g. controlStatusFull');
		return { profile };
	}
	const typeName = String(ctx.getNodeParameter('typeName', item.index, '') ?? '').trim();
	if (typeName === '') throw invalidInput(ctx, item, 'Command Type', 'is required: pick a command, e.g. CHECKTEMP');
	return { typeName };
}
