import { scalarResolvers } from '@caregraph/schema-standards';
import { Mutation } from './mutation.ts';
import { Device, Observation, Patient } from './observation.ts';
import { Query } from './query.ts';

export const resolvers = { DateTime: scalarResolvers.DateTime, Query, Mutation, Observation, Patient, Device };
