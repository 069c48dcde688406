// Query keys of users, roles and API tokens.

export const usersKey = 'users';

export const usersKeys = {
  all: [usersKey] as const,
  roles: ['roles'] as const,
  apiTokens: ['api-tokens'] as const,
};
