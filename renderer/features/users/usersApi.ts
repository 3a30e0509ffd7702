/**
 * Accounts, sessions, handover and the audit log, injected into the one RTK Query api. Host events
 * (usersEvents.ts) invalidate these caches; nothing polls.
 */
import type { MethodName, MethodParams, MethodResult } from '../../../contract/methods';
import { api, type HostQueryArgs } from '../../app/api';

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}

type R<M extends MethodName> = MethodResult<M>;
type P<M extends MethodName> = MethodParams<M>;

export const USERS_TAGS = ['Auth', 'User', 'Handover', 'Audit'] as const;

export const usersApi = api.enhanceEndpoints({ addTagTypes: USERS_TAGS }).injectEndpoints({
  endpoints: (build) => ({
    authStatus: build.query<R<'auth.status'>, void>({
      query: () => req('auth.status', undefined),
      providesTags: ['Auth'],
    }),
    authSignIn: build.mutation<R<'auth.signIn'>, P<'auth.signIn'>>({
      query: (p) => req('auth.signIn', p),
    }),
    authSignOut: build.mutation<R<'auth.signOut'>, void>({
      query: () => req('auth.signOut', undefined),
    }),
    userList: build.query<R<'user.list'>, void>({
      query: () => req('user.list', undefined),
      providesTags: ['User'],
    }),
    userCreate: build.mutation<R<'user.create'>, P<'user.create'>>({
      query: (p) => req('user.create', p),
      invalidatesTags: ['User', 'Auth', 'Audit'],
    }),
    userUpdate: build.mutation<R<'user.update'>, P<'user.update'>>({
      query: (p) => req('user.update', p),
      invalidatesTags: ['User', 'Audit'],
    }),
    userResetPassword: build.mutation<R<'user.resetPassword'>, P<'user.resetPassword'>>({
      query: (p) => req('user.resetPassword', p),
      invalidatesTags: ['Audit'],
    }),
    handoverPreview: build.query<R<'handover.preview'>, void>({
      query: () => req('handover.preview', undefined),
      // A fresh summary each time the dialog opens: it is what the operator signs.
      keepUnusedDataFor: 0,
    }),
    handoverSign: build.mutation<R<'handover.sign'>, P<'handover.sign'>>({
      query: (p) => req('handover.sign', p),
      invalidatesTags: ['Handover', 'Audit'],
    }),
    handoverList: build.query<R<'handover.list'>, { limit: number; offset: number }>({
      query: (p) => req('handover.list', p),
      providesTags: ['Handover'],
    }),
    auditList: build.query<R<'audit.list'>, P<'audit.list'>>({
      query: (p) => req('audit.list', p),
      providesTags: ['Audit'],
      keepUnusedDataFor: 0,
    }),
  }),
});

export const {
  useAuthStatusQuery,
  useAuthSignInMutation,
  useAuthSignOutMutation,
  useUserListQuery,
  useUserCreateMutation,
  useUserUpdateMutation,
  useUserResetPasswordMutation,
  useHandoverPreviewQuery,
  useHandoverSignMutation,
  useHandoverListQuery,
  useAuditListQuery,
} = usersApi;
