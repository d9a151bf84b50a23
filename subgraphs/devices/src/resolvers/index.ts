import { scalarResolvers } from '@caregraph/schema-standards';
import { Device, Patient } from './device.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';

export const resolvers = { DateTime: scalarResolvers.DateTime, Query, Mutation, Device, Patient };
