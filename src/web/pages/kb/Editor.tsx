import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { Field, FieldError, FieldRow } from '../../components/form';
import { contract } from '../../../contract/index';
import { KB_EDITORS, KB_REVIEWERS, type KbVersion } from '../../../contract/kb';
import { ErrorNote, Loading, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { fmtDateTime } from '../../format';

// the rich-text box (TipTap) is loaded only when an editor opens this page
const RichText = lazy(() => import('./RichText'));
const ROLE_CHOICES = ['agent', 'team_lead', 'qa', 'expert', 'trainer', 'duty_manager'];
/** The fields a save names in its refusals, each shown under its input (baseVersion: under the Save buttons). */
const ARTICLE_FIELDS = ['categoryId', 'title', 'bodyHtml', 'tags', 'visibility', 'baseVersion'];
const empty = { id: 0, categoryId: 0, title: '', bodyHtml: '', tags: '', roles: [] as string[], baseVersion: 0 };

/** Editors write versions; reviewers publish or reject what waits in the queue. */
export default function Editor() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, KB_EDITORS);
  const canReview = hasAny(me, KB_REVIEWERS);
  const cats = useEndpoint(contract.kb.categories, {});
  const list = useEndpoint(contract.kb.articles, {});
  const queue = useEndpoint(contract.kb.reviewQueue, canReview ? {} : null);
  const [form, setForm] = useState(empty);
  const versions = useEndpoint(contract.kb.versions, form.id ? { params: { id: form.id } } : null);
  const [newCat, setNewCat] = useState('');
  // saving the article (its refusals by field), adding a category, and the rest (review, submit, restore)
  const edit = useAction();
  const addCat = useAction();
  const other = useAction();
  const reloadAll = () => Promise.all([list.reload(), queue.reload(), versions.reload(), cats.reload()]);
  const act = (fn: () => Promise<unknown>) => other.run(async () => (await fn(), await reloadAll()));
  const body = (submit: boolean) => ({
    categoryId: Number(form.categoryId),
    title: form.title,
    bodyHtml: form.bodyHtml,
    tags: form.tags.split(/[,，\s]+/).filter(Boolean),
    visibility: { roles: form.roles, teamIds: [] },
    submit,
  });
  const save = (submit: boolean) =>
    edit.run(async () => {
      try {
        if (form.id) {
          const r = await call(contract.kb.saveVersion, {
            params: { id: form.id },
            body: { ...body(submit), ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}) },
          });
          setForm({ ...form, baseVersion: r.version });
        } else setForm({ ...form, id: (await call(contract.kb.createArticle, { body: body(submit) })).id, baseVersion: 1 });
      } catch (e) {
        // another editor saved first (409 kb.staleVersion): show it and reload, so the next save starts from the latest version
        if (e instanceof ApiError && e.status === 409) await Promise.all([list.reload(), versions.reload()]);
        throw e;
      }
      await reloadAll();
    });
  const load = (v: KbVersion, id: number) =>
    setForm({
      baseVersion: form.baseVersion,
      id,
      categoryId: v.category_id,
      title: v.title,
      bodyHtml: v.body_html,
      tags: v.tags.join(', '),
      roles: v.visibility.roles,
    });
  // the version a save is based on follows the list as it reloads (after own saves, restores, or a 409)
  useEffect(() => {
    const a = form.id ? list.data?.find((x) => x.id === form.id) : undefined;
    if (a && a.latest_version !== form.baseVersion) setForm((f) => (f.id === a.id ? { ...f, baseVersion: a.latest_version } : f));
  }, [list.data]);
  const catName = (id: number) => cats.data?.find((c) => c.id === id)?.name ?? id;

  return (
    <Page title={t('nav.kbEditor')}>
      <ErrorNote error={other.error ?? list.error} />
      {canReview && (
        <div className="card" data-testid="kb-review-queue">
          <h3>{t('kb.reviewQueue')}</h3>
          <table>
            <tbody>
              {(queue.data ?? []).map((q) => (
                <tr key={`${q.article_id}-${q.version}`}>
                  <td>{q.title}</td>
                  <td>v{q.version}</td>
                  <td>{q.author}</td>
                  <td>
                    <button
                      onClick={() =>
                        void act(() => call(contract.kb.review, { params: { id: q.article_id, version: q.version }, body: { decision: 'publish' } }))
                      }
                    >
                      {t('kb.publish')}
                    </button>{' '}
                    <button
                      className="secondary"
                      onClick={() =>
                        void act(() =>
                          call(contract.kb.review, {
                            params: { id: q.article_id, version: q.version },
                            body: { decision: 'reject', note: window.prompt(t('kb.note')) ?? '' },
                          }),
                        )
                      }
                    >
                      {t('kb.reject')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <div className="card" data-testid="kb-editor">
          <h3>{form.id ? `${t('kb.edit')} #${form.id}` : t('kb.newArticle')}</h3>
          <ErrorNote error={edit.errorOutside(ARTICLE_FIELDS)} />
          <FieldRow>
            <Field label={t('kb.category')} error={edit.errorFor('categoryId')}>
              <select name="categoryId" value={form.categoryId} onChange={(e) => setForm({ ...form, categoryId: Number(e.target.value) })}>
                <option value={0}>{t('kb.selectCategory')}</option>
                {(cats.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.parent_id ? `— ${c.name}` : c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('kb.newCategory')} error={addCat.errorFor('name') ?? addCat.errorOutside(['name'])}>
              <input name="newCategory" value={newCat} onChange={(e) => setNewCat(e.target.value)} />
            </Field>
          </FieldRow>
          <div className="form-row">
            <button
              className="secondary"
              disabled={!newCat.trim()}
              onClick={() =>
                void addCat.run(async () => {
                  await call(contract.kb.createCategory, { body: { name: newCat, module: 'faq' } });
                  setNewCat('');
                  await cats.reload();
                })
              }
            >
              {t('kb.addCategory')}
            </button>
          </div>
          <FieldRow>
            <Field label={t('kb.title')} error={edit.errorFor('title')} wide>
              <input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            </Field>
            <Field label={t('kb.tags')} error={edit.errorFor('tags')} wide>
              <input name="tags" value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
            </Field>
            <Field label={t('kb.body')} error={edit.errorFor('bodyHtml')} wide group>
              <Suspense fallback={<Loading />}>
                <RichText label={t('kb.body')} value={form.bodyHtml} onChange={(html) => setForm((f) => ({ ...f, bodyHtml: html }))} />
              </Suspense>
            </Field>
            <Field label={t('kb.visibleRoles')} error={edit.errorFor('visibility')} wide group>
              <div className="form-row">
                {ROLE_CHOICES.map((r) => (
                  <label key={r}>
                    <input
                      type="checkbox"
                      name={`role-${r}`}
                      checked={form.roles.includes(r)}
                      onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })}
                    />{' '}
                    {t(`roles.${r}`)}
                  </label>
                ))}
              </div>
            </Field>
          </FieldRow>
          <div className="form-row" data-testid="kb-save">
            <button onClick={() => void save(false)}>{t('kb.save')}</button>
            <button onClick={() => void save(true)}>{t('kb.saveSubmit')}</button>
            <button className="secondary" onClick={() => (setForm(empty), edit.clear())}>
              {t('kb.newArticle')}
            </button>
          </div>
          <FieldError error={edit.errorFor('baseVersion')} />
          {form.id > 0 && (
            <table data-testid="kb-versions">
              <thead>
                <tr>
                  <th>{t('kb.version')}</th>
                  <th>{t('kb.title')}</th>
                  <th>{t('kb.status')}</th>
                  <th>{t('kb.author')}</th>
                  <th>{t('kb.reviewer')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {(versions.data ?? []).map((v) => (
                  <tr key={v.version}>
                    <td>v{v.version}</td>
                    <td>
                      <Raw>{v.title}</Raw>
                    </td>
                    <td>
                      {t(`kb.${v.status}`)}
                      {v.review_note ? (
                        <>
                          {' · '}
                          <Raw>{v.review_note}</Raw>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {v.author} · {fmtDateTime(Number(v.created_at))}
                    </td>
                    <td>{v.reviewer ?? ''}</td>
                    <td>
                      <button className="secondary" onClick={() => load(v, form.id)}>
                        {t('kb.edit')}
                      </button>{' '}
                      {(v.status === 'draft' || v.status === 'rejected') && (
                        <button onClick={() => void act(() => call(contract.kb.submit, { params: { id: form.id, version: v.version } }))}>
                          {t('kb.submit')}
                        </button>
                      )}{' '}
                      <button className="secondary" onClick={() => void act(() => call(contract.kb.restore, { params: { id: form.id, version: v.version } }))}>
                        {t('kb.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <table data-testid="kb-articles">
        <thead>
          <tr>
            <th>{t('kb.title')}</th>
            <th>{t('kb.category')}</th>
            <th>{t('kb.status')}</th>
            <th>{t('kb.views')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((a) => (
            <tr key={a.id}>
              <td>{a.title}</td>
              <td>{catName(a.category_id)}</td>
              <td>
                {a.archived ? t('kb.archived') : a.published ? `${t('kb.published')} v${a.published_version}` : t('kb.unpublished')}{' '}
                {a.latest_version !== a.published_version ? `(v${a.latest_version})` : ''}
              </td>
              <td>{a.views}</td>
              <td>
                {canEdit && (
                  <button
                    className="secondary"
                    data-opens="kb-versions"
                    onClick={() => setForm({ ...empty, id: a.id, categoryId: a.category_id, title: a.title, baseVersion: a.latest_version })}
                  >
                    {t('kb.versions')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
