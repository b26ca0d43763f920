import { defineResource } from '../../../shared/node-options';
import { create } from './create.operation';
import { deleteBooking } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { getObjects } from './getObjects.operation';
import { update } from './update.operation';

export const booking = defineResource({ name: 'Booking', value: 'booking', description: 'Bookings of bookable objects (laundry rooms, saunas, guest apartments)' }, [
	[{ name: 'Create', value: 'create', action: 'Create a booking', description: 'Book an object for a period' }, create],
	[{ name: 'Delete', value: 'delete', action: 'Delete a booking', description: 'Delete a booking' }, deleteBooking],
	[{ name: 'Get', value: 'get', action: 'Get a booking', description: 'Get a booking by its ID' }, get],
	[{ name: 'Get Booking Objects', value: 'getObjects', action: 'Get booking objects', description: 'List the objects that can be booked' }, getObjects],
	[{ name: 'Get Many', value: 'getMany', action: 'Get many bookings', description: 'Get many bookings of an object in a date range' }, getMany],
	[{ name: 'Update', value: 'update', action: 'Update a booking', description: 'Change a booking\'s object, period, name, description or extra body fields' }, update],
]);
