import { defineResource } from '../../../shared/node-options';
import { checkEligibility } from './checkEligibility.operation';
import { getOrderStatus } from './getOrderStatus.operation';
import { orderAndWait } from './orderAndWait.operation';
import { placeOrder } from './placeOrder.operation';

export const unlock = defineResource({ name: 'Unlock', value: 'unlock', description: 'Device unlock eligibility and orders' }, [
	[{ name: 'Check Eligibility', value: 'checkEligibility', action: 'Check unlock eligibility', description: 'Check whether a device can be unlocked from its carrier, at what price and with which services' }, checkEligibility],
	[{ name: 'Get Order Status', value: 'getOrderStatus', action: 'Get the status of an unlock order', description: 'Get an unlock order with its status and, once completed, its unlock code' }, getOrderStatus],
	[{ name: 'Order and Wait', value: 'orderAndWait', action: 'Order an unlock and wait for the code', description: 'Place an unlock order, then wait until it is completed (with its unlock code) or failed' }, orderAndWait],
	[{ name: 'Place Order', value: 'placeOrder', action: 'Place an unlock order', description: 'Order the unlock of a device' }, placeOrder],
]);
