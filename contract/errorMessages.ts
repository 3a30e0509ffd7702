import type { ErrorCode, HostError, ErrorIssue } from './errors';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

/** Message templates for every error code, in both languages. `{{name}}` is filled from params. */
export const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  'en-US': {
    bad_request:
      'The request to {{method}} was not valid: {{detail}}. Correct the highlighted fields and try again.',
    unknown_method:
      'The console does not know the action "{{method}}". The window and host may be different versions; restart the console.',
    payload_too_large:
      'The request was {{size}} bytes; the limit is {{limit}} bytes. Send less data at once.',
    unauthorized:
      'Not authorised: {{detail}}. Sign in at this workstation, or open the console from the address printed at start-up.',
    forbidden: 'Not allowed: {{detail}}.',
    sign_in_failed:
      'Sign-in refused for "{{username}}": the user name or password is wrong, or the account is disabled. Check both (letter case counts), or ask an administrator.',
    sign_in_throttled:
      'Too many failed sign-ins for "{{username}}". Wait {{seconds}} seconds and try again, or ask an administrator to reset the password.',
    not_found: 'No {{entity}} with id {{id}} exists. It may have been merged or deleted; refresh the list.',
    illegal_transition:
      'An incident in state "{{from}}" cannot move to "{{to}}". Allowed next states: {{allowed}}.',
    dispatch_state:
      'The dispatch of {{unit}} is {{state}}, so it cannot be {{step}} now. Refresh the incident and choose another step.',
    unit_unavailable:
      '{{unit}} is {{status}}; only available units can be dispatched. Choose another unit, or set this one available first.',
    conflict:
      'The {{entity}} was changed by someone else (version {{actual}}, you had {{expected}}). Reload it and try again.',
    storage:
      'The local database could not complete the operation: {{detail}}. Nothing was saved; check disk space and try again.',
    unavailable: '{{detail}} is not available right now. Try again in a moment.',
    internal:
      'An unexpected error occurred in the console host ({{detail}}). Nothing was changed; the error was logged.',
  },
  'zh-CN': {
    bad_request: '对“{{method}}”的请求无效：{{detail}}。请修正标出的字段后重试。',
    unknown_method: '控制台不认识操作“{{method}}”。窗口与后台版本可能不一致，请重启控制台。',
    payload_too_large: '请求大小为 {{size}} 字节，超过上限 {{limit}} 字节。请分批发送。',
    unauthorized: '未获授权：{{detail}}。请在本工作站登录，或使用启动时打印的地址打开控制台。',
    forbidden: '不允许：{{detail}}。',
    sign_in_failed:
      '用户“{{username}}”登录被拒绝：用户名或密码错误，或账号已停用。请检查（区分大小写），或联系管理员。',
    sign_in_throttled:
      '用户“{{username}}”登录失败次数过多。请等待 {{seconds}} 秒后重试，或请管理员重置密码。',
    not_found: '不存在编号为 {{id}} 的{{entity}}，可能已被合并或删除，请刷新列表。',
    illegal_transition: '处于“{{from}}”状态的事件不能变为“{{to}}”。允许的下一状态：{{allowed}}。',
    dispatch_state: '{{unit}} 的派遣状态为“{{state}}”，现在不能{{step}}。请刷新事件后选择其他操作。',
    unit_unavailable: '{{unit}} 当前为“{{status}}”，只能派遣空闲的力量。请选择其他力量，或先将其设为空闲。',
    conflict: '该{{entity}}已被他人修改（当前版本 {{actual}}，您的版本 {{expected}}）。请重新加载后再试。',
    storage: '本地数据库无法完成操作：{{detail}}。未保存任何内容，请检查磁盘空间后重试。',
    unavailable: '{{detail}}暂不可用，请稍后再试。',
    internal: '控制台后台发生意外错误（{{detail}}）。未做任何更改，错误已记录。',
  },
};

export function renderTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    params[name] === undefined ? `{{${name}}}` : String(params[name]),
  );
}

export function makeHostError(
  code: ErrorCode,
  params: Record<string, string | number> = {},
  issues?: ErrorIssue[],
): HostError {
  return {
    code,
    message: renderTemplate(errorMessages['en-US'][code], params),
    key: `errors.${code}`,
    params,
    ...(issues ? { issues } : {}),
  };
}
