import { scalarResolvers } from '@caregraph/schema-standards';
import { Mutation } from './mutation.ts';
import { CareTeamPanel, Patient } from './patient.ts';
import { Query } from './query.ts';

export const resolvers = { ...scalarResolvers, Query, Mutation, Patient, CareTeamPanel };
