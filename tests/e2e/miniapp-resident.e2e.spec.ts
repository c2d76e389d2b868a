import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import type { ConcernDetailView, DepartmentView } from '@manyi/shared';
import type { Browser, Locator, Page } from 'playwright-core';

import { apiClient, staffToken, type ApiCall } from '../support/api.js';
import { launchBrowser, newPhoneContext, pagesSettled, watchPage } from '../support/browser.js';
import { gradientPng } from '../support/images.js';
import { REPO_ROOT, freePort, startService, type RunningService } from '../support/service.js';

// A resident's whole round in the h5 build of the mini-program, against the real service on a phone
// screen (390×844): reads an article of their street, signs up for a visit and asks a question ahead,
// reports a concern with a photo, finds it in 我的, and — after the street's staff accept, dispatch,
// sign, reply and approve through the API — finds the acceptance and the reply in 我的消息 (the 我的
// tab's badge counting them, opening one marking it read), reads the reply and rates it. The same round
// runs once in 长者模式. Screenshots of every step go to tests/artifacts/screenshots/miniapp-<run>/.
// Needs: npm run build (shared, cloud, miniapp h5) and bash scripts/ensure-chromium.sh.

const STREET = 'xujiahui';
const STREET_NAME = '徐家汇街道';
const EDITOR = `editor.${STREET}`;
const DISPATCHER = `dispatcher.${STREET}`;
const SHOTS_ROOT = join(REPO_ROOT, 'tests', 'artifacts', 'screenshots');

/** Manyi's own article text (not copied from anywhere). */
function article(run: string, imageUrl: string) {
  return {
    title: `${run}：漕溪北路人行道完成翻新`,
    source: '徐家汇街道办事处',
    body: [
      { type: 'paragraph', text: '上周，漕溪北路东侧人行道完成翻新，破损的地砖全部更换为防滑透水砖，盲道重新铺设并与路口衔接。' },
      { type: 'image', url: imageUrl, caption: '翻新后的漕溪北路人行道' },
      { type: 'paragraph', text: '施工期间收到居民反映的三处积水点已一并处理。如发现新的问题，可在“我要反映”中随时告诉我们。' },
    ],
  };
}

const REPLY = '已联系物业更换楼道灯，并检查了同一单元其他楼层的照明，均已恢复。';

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

/** Taro keeps earlier pages in the document, hidden: only what the resident can see counts. */
function seen(locator: Locator): Locator {
  return locator.filter({ visible: true }).first();
}

function tab(page: Page, text: string): Locator {
  // Taro's h5 tab bar puts the badge (setTabBarBadge) in the icon's box, before the label: with unread
  // messages the 我的 tab is named "2我的" (up to "99+我的"), so the badge is allowed in front only.
  return page.locator('taro-tabbar').getByRole('link', { name: new RegExp(`^(?:\\d+\\+?\\s*)?${text}$`) });
}

/** The 我的 tab's badge (setTabBarBadge): its text, or '' when there is none. */
async function meTabBadge(page: Page): Promise<string> {
  const badge = page.locator('taro-tabbar .taro-tabbar-badge');
  return (await badge.count()) === 0 ? '' : ((await badge.first().textContent()) ?? '').trim();
}

/** Waits until the 我的 tab's badge says `text` ('' = no badge). */
async function expectMeBadge(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await meTabBadge(page)) !== text && Date.now() < deadline) await page.waitForTimeout(100);
  expect(await meTabBadge(page)).toBe(text);
}

async function typeText(page: Page, label: string, value: string): Promise<void> {
  // In the h5 build Taro's Input and Textarea are web components holding the real field.
  await seen(page.getByLabel(label, { exact: true }))
    .locator('input, textarea')
    .fill(value);
}

/** The font size of the visible page's title, once it is rendered (Taro re-renders as data arrives). */
async function titleFontSize(page: Page, frame: string): Promise<number> {
  const size = await page.waitForFunction((selector) => {
    const title = [...document.querySelectorAll(`${selector} .page__title`)].find((el) => el.getBoundingClientRect().height > 0);
    return title ? parseFloat(getComputedStyle(title).fontSize) : 0;
  }, frame);
  return (await size.jsonValue()) as number;
}

describe('a resident uses the mini-program (h5) from news to a rated concern', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let imageServer: Server | undefined;
  let imageUrl = '';
  const api: ApiCall = apiClient(() => service!.baseUrl);

  beforeAll(async () => {
    service = await startService({ requireH5: true });
    browser = await launchBrowser();
    // The article's photo lives on another site, as when an editor links a picture from the street's own page.
    const png = gradientPng(800, 500);
    const port = await freePort();
    imageServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      response.end(png);
    });
    await new Promise<void>((resolve) => imageServer!.listen(port, '127.0.0.1', resolve));
    imageUrl = `http://127.0.0.1:${port}/photos/caoxi-road.png`;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await new Promise((resolve) => imageServer?.close(resolve));
  });

  /** Publishes an article and a visit in the street, as its editor does in the admin page. */
  async function publish(run: string, capacity: number) {
    const editor = await staffToken(api, EDITOR);
    const draft = await api('POST', '/admin/news', editor, article(run, imageUrl));
    expect(draft.status).toBe(201);
    const published = await api('POST', `/admin/news/${draft.body.id as number}/publish`, editor, {});
    expect(published.status).toBeLessThan(300);

    const soon = Date.now() + 2 * 3_600_000;
    const visit = await api('POST', '/admin/visits', editor, {
      title: `${run}：“满意在徐汇”走进汇站街`,
      place: '汇站街居民区活动室',
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 2 * 3_600_000).toISOString(),
      participants: [
        { name: '周律师', role: 'lawyer', title: '社区法律顾问' },
        { name: '王主任', role: 'department_head', title: '街道城运中心' },
      ],
      topics: ['老旧小区加装电梯', '楼道堆物整治'],
      capacity,
    });
    expect(visit.status).toBe(201);
    return { articleTitle: article(run, imageUrl).title, visitId: visit.body.id as number, visitTitle: visit.body.title as string };
  }

  /** The street's staff work the concern through the API: accept, dispatch, sign, reply, approve the reply. */
  async function staffAnswer(concernId: number) {
    const dispatcher = await staffToken(api, DISPATCHER);
    const detail = (await api('GET', `/admin/concerns/${concernId}`, dispatcher)).body as unknown as ConcernDetailView;
    const departments = (await api('GET', '/departments')).body.items as DepartmentView[];
    const departmentId = detail.suggestedDepartmentId ?? departments.find((d) => d.streetCode === STREET)!.id;
    const department = departments.find((d) => d.id === departmentId)!;
    const handler = await staffToken(api, `handler.${department.code}`);
    const steps: [string, string, unknown][] = [
      [dispatcher, 'accept', {}],
      [dispatcher, 'dispatch', { departmentId }],
      [handler, 'sign', {}],
      [handler, 'reply', { text: REPLY }],
      [dispatcher, 'approve-reply', {}],
    ];
    for (const [token, action, body] of steps) {
      const answer = await api('POST', `/admin/concerns/${concernId}/${action}`, token, body);
      if (answer.status !== 200) throw new Error(`${action} → ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  it.each([
    { run: 'normal', elderly: false },
    { run: 'elderly', elderly: true },
  ])(
    'the $run run: article, visit sign-up, report with a photo, reply and rating',
    async ({ run, elderly }) => {
      const label = elderly ? '长者模式' : '标准模式';
      // In the elderly run the visit is already full: the resident lands on the waiting list.
      const content = await publish(label, elderly ? 1 : 2);
      if (elderly) {
        const other = await api('POST', '/auth/preview/login', undefined, { nickname: '先报名的居民' });
        expect((await api('POST', `/visits/${content.visitId}/signups`, other.body.token as string)).status).toBe(201);
      }

      const shotsDir = join(SHOTS_ROOT, `miniapp-${run}`);
      await mkdir(shotsDir, { recursive: true });
      let step = 0;
      const context = await newPhoneContext(browser!);
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const problems = watchPage(page);
      const shot = async (name: string) => {
        await page.waitForTimeout(600); // Taro's h5 page transition slides the new page in
        step += 1;
        await page.screenshot({ path: join(shotsDir, `${String(step).padStart(2, '0')}-${name}.png`) });
      };

      await page.goto(`${service!.baseUrl}/h5/`);
      await seen(page.getByRole('listbox', { name: '选择街道' }).getByRole('option', { name: STREET_NAME })).tap();
      await expectVisible(seen(page.getByText(`当前街道：${STREET_NAME}`)));

      if (elderly) {
        // 我的 → 设置 → 长者模式: the type grows by at least half, and the choice survives a reload.
        const normalTitle = await titleFontSize(page, '.page');
        await tab(page, '我的').tap();
        await seen(page.getByRole('link', { name: '设置与长者模式' })).tap();
        const toggle = seen(page.getByRole('switch', { name: '长者模式' }));
        await toggle.tap();
        await expectVisible(seen(page.locator('.elderly')));
        await shot('settings-elderly-mode');
        await page.reload();
        await expectVisible(seen(page.locator('.page.elderly')));
        await page.goBack();
        await tab(page, '资讯').tap();
        const elderlyTitle = await titleFontSize(page, '.page.elderly');
        console.log(`长者模式: page title ${normalTitle}px → ${elderlyTitle}px`);
        expect(elderlyTitle / normalTitle).toBeGreaterThanOrEqual(1.5);
      }

      // 资讯: the street's newest article is on top; open it.
      const news = seen(page.getByRole('list', { name: '资讯列表' }));
      await expectVisible(news.getByRole('listitem', { name: content.articleTitle }));
      await shot('news-list');
      await news.getByRole('listitem', { name: content.articleTitle }).tap();
      const articleView = seen(page.getByRole('article', { name: content.articleTitle }));
      await expectVisible(articleView.getByText('防滑透水砖', { exact: false }));
      const photo = articleView.getByRole('img', { name: '翻新后的漕溪北路人行道' });
      await expectVisible(photo);
      await expectVisible(articleView.getByText('翻新后的漕溪北路人行道', { exact: true }));
      // Taro's image sets its inner <img>'s src after mounting: wait for it rather than read it once.
      const src = await photo.evaluate(
        (el) =>
          new Promise<string | null>((resolve) => {
            const started = Date.now();
            const look = () => {
              const value = (el.querySelector('img') ?? el).getAttribute('src');
              if (value || Date.now() - started > 10_000) resolve(value);
              else setTimeout(look, 50);
            };
            look();
          }),
      );
      expect(src).toBe(imageUrl);
      // The picture hosted on the street's website really loads (the service's CSP lets pictures in).
      const width = await photo.evaluate((el) => {
        const img = (el.querySelector('img') ?? el) as HTMLImageElement;
        return img.decode().then(
          () => img.naturalWidth,
          () => 0,
        );
      });
      expect(width).toBeGreaterThan(0);
      await shot('article');

      // 走访: the upcoming visit; log in on its page, sign up, ask the lawyer a question.
      await page.goBack();
      await tab(page, '走访').tap();
      const visits = seen(page.getByRole('list', { name: '走访安排' }));
      await visits.getByRole('listitem', { name: content.visitTitle }).tap();
      await expectVisible(seen(page.getByRole('list', { name: '参加人员' })).getByText('周律师'));
      await typeText(page, '昵称', elderly ? '陈老伯' : '林阿姨');
      await seen(page.getByRole('button', { name: '预览登录' })).tap();
      await seen(page.getByRole('button', { name: elderly ? '报名候补' : '报名参加' })).tap();
      await expectVisible(seen(page.getByText(elderly ? '您在候补名单第 1 位' : '您已报名，请按时参加')));
      await seen(page.getByRole('listbox', { name: '提问对象' }).getByRole('option', { name: '律师' })).tap();
      await typeText(page, '提问内容', '小区加装电梯，低层住户不同意时该怎么协商？');
      await seen(page.getByRole('button', { name: '提交问题' })).tap();
      await expectVisible(seen(page.getByRole('list', { name: '提前提问' }).getByText('小区加装电梯，低层住户不同意时该怎么协商？')));
      await shot('visit-signed-up');

      // 我要反映: the form with a photo from the album, the preview, and the concern page.
      await page.goBack();
      await tab(page, '我要反映').tap();
      await seen(page.getByRole('listbox', { name: '诉求大类' }).getByRole('option', { name: '市容环境' })).tap();
      await seen(page.getByRole('listbox', { name: '市容环境的具体类别' }).getByRole('option')).tap();
      await seen(page.getByRole('listbox', { name: '选择小区' }).getByRole('option')).tap();
      const title = `${label}：楼道灯坏了`;
      await typeText(page, '标题', title);
      await typeText(page, '问题描述', '3号楼二楼楼道灯坏了一周，晚上看不见台阶，老人上下楼很危险。');
      await typeText(page, '地点', '3号楼二楼');
      const chooser = page.waitForEvent('filechooser');
      await seen(page.getByRole('button', { name: '添加照片' })).tap();
      // On a phone Taro's h5 asks 拍摄 or 从相册选择 first.
      const album = page.getByText('从相册选择', { exact: true });
      const picked = await Promise.race([
        chooser.then(() => 'chooser' as const),
        album.waitFor({ state: 'visible' }).then(() => 'sheet' as const),
      ]);
      if (picked === 'sheet') await album.tap();
      await (await chooser).setFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: gradientPng(2400, 1800) });
      await expectVisible(seen(page.getByRole('img', { name: '照片 1' })));
      await seen(page.getByText(/上传中/)).waitFor({ state: 'hidden' });
      expect(await page.getByText('上传失败，点此重试').filter({ visible: true }).count()).toBe(0);
      await shot('report-form');

      await seen(page.getByRole('button', { name: '下一步：预览' })).tap();
      await expectVisible(seen(page.getByRole('button', { name: '确认提交' })));
      await shot('report-preview');
      await seen(page.getByRole('button', { name: '确认提交' })).tap();
      await expectVisible(seen(page.getByRole('list', { name: '办理进度' })).getByText('提交诉求', { exact: true }));
      const concernId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
      expect(concernId).toBeGreaterThan(0);
      await shot('concern-submitted');

      // 我的: the concern 待受理 and the visit with my place on it.
      await page.goBack();
      await tab(page, '我的').tap();
      const mine = seen(page.getByRole('list', { name: '我的诉求' }));
      await expectVisible(mine.getByText(title));
      const myVisits = seen(page.getByRole('list', { name: '我的报名' }));
      await expectVisible(myVisits.getByRole('listitem', { name: content.visitTitle }).getByText(elderly ? '候补第 1 位' : '已报名'));
      await shot('me');
      await expectMeBadge(page, '');

      // The street's staff answer. 我的消息: the acceptance and the published reply arrive, the badge on
      // the 我的 tab (read again when a tab is shown) and on the entry count them.
      await staffAnswer(concernId);
      await tab(page, '资讯').tap();
      await tab(page, '我的').tap();
      await expectMeBadge(page, '2');
      await expectVisible(seen(page.getByRole('status', { name: '2 条未读' })));
      await shot('me-unread-badge');
      await seen(page.getByRole('link', { name: '我的消息' })).tap();
      const messages = seen(page.getByRole('list', { name: '消息列表' }));
      await expectVisible(messages.getByRole('listitem').first());
      const unreadItems = messages.getByRole('listitem', { name: /^未读，/ });
      expect(await unreadItems.count()).toBe(2);
      await expectVisible(seen(page.getByText('2 条未读', { exact: true })));
      await shot('messages');

      // Opening the newest (the reply) marks it read and shows the concern with the reply.
      await unreadItems.first().tap();
      const timeline = seen(page.getByRole('list', { name: '办理进度' }));
      await expectVisible(seen(timeline.getByText(REPLY)));
      await pagesSettled(page);
      await page.goBack();
      await pagesSettled(page);
      await expectVisible(seen(page.getByText('1 条未读', { exact: true })));
      expect(
        await seen(page.getByRole('list', { name: '消息列表' }))
          .getByRole('listitem', { name: /^未读，/ })
          .count(),
      ).toBe(1);
      await page.goBack();
      await pagesSettled(page);
      await tab(page, '资讯').tap();
      await tab(page, '我的').tap();
      await expectMeBadge(page, '1');
      await shot('messages-one-read');

      // The resident reads the reply from 我的诉求 and rates it.
      await mine.getByText(title).tap();
      await expectVisible(seen(page.getByRole('list', { name: '办理进度' }).getByText(REPLY)));
      await expectVisible(seen(page.locator('.status-chip').getByText('待评价', { exact: true })));
      await shot('concern-replied');
      await seen(page.getByRole('listbox', { name: '问题是否解决' }).getByRole('option', { name: '已解决' })).tap();
      await seen(page.getByRole('listbox', { name: '满意程度' }).getByRole('option', { name: '满意', exact: true })).tap();
      await typeText(page, '评价内容', '灯修好了，谢谢！');
      await seen(page.getByRole('button', { name: '提交评价' })).tap();
      await expectVisible(seen(page.locator('.status-chip').getByText('已办结', { exact: true })));
      await expectVisible(seen(page.getByText('您的评价：已解决，灯修好了，谢谢！')));
      await shot('concern-rated');

      if (!elderly) {
        // 设置: download my data (it holds the concern), then delete the account after a clear confirmation.
        await page.goBack();
        await seen(page.getByRole('link', { name: '设置与长者模式' })).tap();
        const download = page.waitForEvent('download');
        await seen(page.getByRole('button', { name: '下载我的数据' })).tap();
        const file = await (await download).path();
        const exported = JSON.parse(await readFile(file, 'utf8')) as { concerns: { title: string }[] };
        expect(exported.concerns.map((c) => c.title)).toContain(title);
        await expectVisible(seen(page.getByText('已导出我的数据（1 条诉求）')));
        await seen(page.getByRole('button', { name: '注销账号' })).tap();
        await expectVisible(seen(page.getByText('您的昵称、手机号、地点和照片将被永久删除', { exact: false })));
        await shot('delete-account-confirmation');
        await seen(page.locator('taro-button-core', { hasText: '确认注销' })).tap();
        await expectVisible(seen(page.getByText('账号已注销，您的个人信息已删除。')));
        await shot('account-deleted');
      }

      console.log(`${run} run screenshots: ${shotsDir}`);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedApiRequests).toEqual([]);
      await context.close();
    },
    240_000,
  );
});
