/** The first element of every parts query key: a movement refreshes everything under it. */
export const partsKey = 'parts';
