/**
 * Every error code the API answers with, and its HTTP status. The service maps codes to statuses with
 * this table; the mini-program and admin page react to codes by name. Messages are Chinese because a
 * resident may read them.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求' },
  BAD_REQUEST: { status: 400, message: '请求有误' },
  PHOTO_MISSING: { status: 400, message: '请选择一张照片上传' },
  PHOTO_TOO_MANY: { status: 400, message: '每次只能上传一张照片' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信授权已失效，请重新进入小程序后再试' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  TOTP_REQUIRED: { status: 401, message: '请输入身份验证器中的 6 位动态验证码' },
  TOTP_INVALID: { status: 400, message: '动态验证码错误' },
  CURRENT_PASSWORD_WRONG: { status: 400, message: '当前密码错误' },
  PASSWORD_REUSED: { status: 400, message: '新密码不能与最近使用过的 5 个密码相同' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '您正在使用临时密码，请先修改密码' },
  PASSWORD_EXPIRED: { status: 403, message: '密码已过期，请先修改密码' },
  TOTP_NOT_AVAILABLE: { status: 403, message: '只有区级管理员和督办人员可以开启动态验证码' },
  TOTP_NOT_SET_UP: { status: 409, message: '请先生成动态验证码密钥' },
  WECHAT_SIGNATURE_INVALID: { status: 401, message: '消息推送签名无效' },
  WECHAT_USER_BLOCKED: { status: 403, message: '当前微信账号存在风险，暂时无法登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  CONCERN_ROLE_NOT_ALLOWED: { status: 403, message: '当前角色不能进行此操作' },
  NEWS_STREET_NOT_ALLOWED: { status: 403, message: '只能管理本街道的资讯' },
  NOT_FOUND: { status: 404, message: '找不到请求的内容' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  STREET_NOT_FOUND: { status: 404, message: '街道不存在' },
  CONCERN_NOT_FOUND: { status: 404, message: '诉求不存在' },
  NOTIFICATION_NOT_FOUND: { status: 404, message: '通知不存在' },
  PHOTO_NOT_FOUND: { status: 404, message: '照片不存在' },
  CATEGORY_NOT_FOUND: { status: 404, message: '诉求类别不存在' },
  COMPOUND_NOT_FOUND: { status: 404, message: '小区不存在' },
  DEPARTMENT_NOT_FOUND: { status: 404, message: '部门不存在' },
  NEWS_NOT_FOUND: { status: 404, message: '资讯不存在' },
  PREVIEW_LOGIN_DISABLED: { status: 404, message: '预览登录未开放' },
  DEMO_RESIDENT_UNAVAILABLE: { status: 404, message: '演示居民仅在演示模式下可用' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持此请求方法' },
  CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  CONCERN_ACTION_NOT_ALLOWED: { status: 409, message: '诉求当前状态不能进行此操作' },
  CONCERN_CHANGED: { status: 409, message: '诉求已被他人处理，请刷新后再试' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '同一提交编号用于了不同的内容' },
  CATEGORY_NOT_LEAF: { status: 400, message: '请选择具体的诉求类别' },
  MERGE_TARGET_INVALID: { status: 409, message: '不能合并到该诉求' },
  // 代录 and 更正分类 (issue 18)
  INTAKE_CHANNEL_NOT_ALLOWED: { status: 403, message: '您只能登记走访或座谈会上提出的问题' },
  INTAKE_STREET_NOT_ALLOWED: { status: 403, message: '只能为本街道的居民区代录诉求' },
  INTAKE_VISIT_NOT_OPEN: { status: 409, message: '走访尚未开始或已取消，不能登记现场提出的问题' },
  INTAKE_VISIT_COMPOUND_MISMATCH: { status: 400, message: '所选小区不在该走访活动所在的街道' },
  HOTLINE_ORDER_TAKEN: { status: 409, message: '该 12345 工单号已经登记过诉求' },
  RECLASSIFY_UNCHANGED: { status: 400, message: '所选内容与当前分类相同，没有需要更正的内容' },
  NO_PENDING_EXTENSION: { status: 409, message: '没有待批准的延期申请' },
  EXTENSION_TOO_LATE: { status: 409, message: '已超过办理时限，不能再申请延期' },
  EXTENSION_LIMIT_REACHED: { status: 409, message: '延期次数已用完' },
  EXTENSION_TOO_LONG: { status: 400, message: '延期天数超出范围' },
  VISIT_NOT_FOUND: { status: 404, message: '走访活动不存在' },
  VISIT_CLOSED: { status: 409, message: '走访已开始、已结束或已取消，不能再报名或提问' },
  VISIT_SIGNUP_NOT_FOUND: { status: 404, message: '您还没有报名这次走访' },
  VISIT_QUESTION_NOT_FOUND: { status: 404, message: '问题不存在' },
  VISIT_QUESTION_LIMIT: { status: 409, message: '每次走访最多提 3 个问题' },
  VISIT_QUESTION_HANDLED: { status: 409, message: '该问题已转为诉求，不能再答复或重复转办' },
  VISIT_PARTICIPANT_ABSENT: { status: 400, message: '本次走访没有这类参加人员' },
  VISIT_NOT_STARTED: { status: 409, message: '走访尚未开始，不能登记为已举行' },
  VISIT_NOT_HELD: { status: 409, message: '走访尚未举行，不能发布问题清单' },
  VISIT_ISSUE_CONCERN_INVALID: { status: 400, message: '问题清单关联的诉求不存在或不属于本街道' },
  DIRECTORY_CODE_TAKEN: { status: 409, message: '代码已被使用，请换一个' },
  DIRECTORY_ITEM_NOT_FOUND: { status: 404, message: '目录项不存在' },
  DIRECTORY_REFERENCE_INVALID: { status: 400, message: '所选的街道、居民区、部门或类别不存在或已停用' },
  DIRECTORY_CHANGE_NOT_ALLOWED: { status: 409, message: '该目录项当前不能这样修改' },
  STAFF_NOT_FOUND: { status: 404, message: '账号不存在' },
  STAFF_USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  STAFF_SELF_CHANGE: { status: 409, message: '不能停用自己的账号或修改自己的角色' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  PHOTO_TOO_LARGE: { status: 413, message: '照片不能超过 10 MB' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  PHOTO_TYPE_NOT_ALLOWED: { status: 415, message: '只能上传 JPEG、PNG、WebP 或 HEIC 格式的照片' },
  CONTENT_REFUSED: { status: 422, message: '内容中可能含有不适宜公开的文字，请修改后再提交' },
  PHOTO_UNREADABLE: { status: 422, message: '照片已损坏或无法读取，请换一张' },
  PHOTO_QUOTA_EXCEEDED: { status: 409, message: '尚未使用的照片过多，请先在诉求中使用它们（未使用的照片 24 小时后自动删除）' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  LOGIN_THROTTLED: { status: 429, message: '登录失败次数过多，请稍后再试' },
  INTERNAL: { status: 500, message: '服务暂时出现问题，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务繁忙，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务繁忙，请稍后再试' },
  WECHAT_NOT_CONFIGURED: { status: 503, message: '微信登录尚未开通，请使用预览登录' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The body of every error answer (DESIGN.md "Interfaces"). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
