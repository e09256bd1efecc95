// The public page of the project pool: plain ES module, public API only, no sign-in, no personal data.
// Every answer is fetched with its ETag and asked again every 30 seconds with If-None-Match: unchanged figures cost a 304.

const cache = new Map();
const labels = {};
const state = { page: 0, size: 10, sort: { key: 'listed', down: true }, streets: [] };

async function api(path) {
  const held = cache.get(path);
  const response = await fetch(path, { headers: held ? { 'If-None-Match': held.etag } : {} });
  if (response.status === 304 && held) return held.body;
  if (!response.ok) throw new Error(path + ': ' + response.status);
  const body = await response.json();
  const etag = response.headers.get('ETag');
  if (etag) cache.set(path, { etag, body });
  return body;
}

const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
};
const number = value => value == null ? '—' : Number(value).toLocaleString('zh-CN');
const percent = value => value == null ? '—' : (Number(value) * 100).toFixed(1) + '%';
// A rate shown from its counts, so that the same share reads the same everywhere (the API's rates are rounded).
const rate = (part, whole) => percent(whole ? part / whole : null);
const label = (list, code) => (labels[list] && labels[list][code]) || code || '—';
const rows = (table, list) => { const body = document.querySelector(table + ' tbody'); body.replaceChildren(...list); };
const row = (...cells) => el('tr', {}, ...cells.map(cell => el('td', { text: String(cell) })));

async function loadLabels() {
  for (const list of ['streets', 'categories', 'issue-types', 'statuses', 'channels', 'departments']) {
    labels[list] = Object.fromEntries((await api('/api/reference/' + list)).map(l => [l.code, l.zh]));
  }
  const options = (select, list) => Object.entries(labels[list])
    .forEach(([code, zh]) => document.getElementById(select).append(el('option', { value: code, text: zh })));
  options('f-street', 'streets'); options('f-category', 'categories'); options('f-status', 'statuses');
}

async function overview() {
  const district = await api('/api/statistics/district');
  const batches = await api('/api/batches');
  const completed = district.byStatus.COMPLETED || 0;
  const cards = [['项目总数', district.projects], ['入库项目', district.listed], ['已完成', completed],
    ['完成率', rate(completed, district.listed)], ['逾期项目', district.overdue]];
  document.getElementById('headline').replaceChildren(...cards.map(([name, value]) =>
    el('div', { class: 'card' }, el('span', { class: 'value', text: typeof value === 'number' ? number(value) : value }), name)));
  const batchRows = [];
  const impactRows = [];
  const batchSelect = document.getElementById('f-batch');
  if (batchSelect.options.length === 1) batches.forEach(b => batchSelect.append(el('option', { value: b.id, text: b.name })));
  for (const batch of batches) {
    const figures = await api('/api/statistics/batches/' + encodeURIComponent(batch.id));
    batchRows.push(row(batch.name, number(figures.listed), number(figures.completed), rate(figures.completed, figures.listed),
      number(figures.carriedOverOut), number(figures.overdue), number(figures.impact.FELL)));
    impactRows.push(row(batch.name, number(figures.completed), number(figures.impact.FELL), number(figures.impact.ROSE),
      number(figures.impact.UNCHANGED), number(figures.impact.NOT_YET_MEASURABLE)));
  }
  rows('#batches-table', batchRows);
  rows('#impact-table', impactRows);
  const funds = await api('/api/funds');
  const fundRows = [];
  for (const fund of funds) {
    const use = await api('/api/statistics/funds/' + encodeURIComponent(fund.id));
    fundRows.push(row(fund.year + '年专项资金', number(use.budget), number(use.allocated), number(use.remaining), number(use.spent)));
  }
  rows('#funds-table', fundRows);
  categoryChart(district);
}

function categoryChart(district) {
  const codes = Object.keys(district.byCategory);
  rows('#category-table', codes.map(code => row(label('categories', code), number(district.byCategory[code]),
    number(district.listedByCategory[code]))));
  chart('category-chart', codes.map(code => label('categories', code)), codes.map(code => district.listedByCategory[code]), '入库项目');
}

function chart(id, names, values, series) {
  if (!window.echarts) return;
  const node = document.getElementById(id);
  const instance = window.echarts.getInstanceByDom(node) || window.echarts.init(node);
  instance.setOption({ tooltip: {}, grid: { left: 48, right: 16, bottom: 72 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0 } }, yAxis: { type: 'value' },
    series: [{ name: series, type: 'bar', data: values, itemStyle: { color: '#b91c1c' } }] });
}

async function streets() {
  state.streets = await api('/api/statistics/streets');
  renderStreets();
}

function renderStreets() {
  const { key, down } = state.sort;
  const sorted = [...state.streets].sort((a, b) => {
    const x = a[key] ?? -1, y = b[key] ?? -1;
    return (typeof x === 'string' ? x.localeCompare(y, 'zh-CN') : x - y) * (down ? -1 : 1);
  });
  rows('#street-table', sorted.map(s => row(s.name, number(s.filed), number(s.listed), number(s.completed),
    rate(s.completed, s.listed), number(s.fundedAmount), number(s.overdue))));
  document.querySelectorAll('#street-table th').forEach(th => th.removeAttribute('aria-sort'));
  const active = document.querySelector(`#street-table button[data-key="${key}"]`);
  if (active) active.parentElement.setAttribute('aria-sort', down ? 'descending' : 'ascending');
  chart('street-chart', sorted.map(s => s.name), sorted.map(s => s.completionRate == null ? 0 : Number(s.completionRate) * 100), '完成率（%）');
}

async function hotspots() {
  const period = document.getElementById('period').value;
  const answer = await api('/api/statistics/hotspots?period=' + encodeURIComponent(period) + '&top=15');
  rows('#hotspots-table', answer.rows.map(r => row(r.streetName || r.street, r.issueTypeName || r.issueType, number(r.count),
    number(r.previousCount), r.change == null ? '月份不全' : percent(r.change), percent(r.share), r.covered ? '有' : '暂无')));
}

async function search() {
  const form = new FormData(document.getElementById('search-form'));
  const query = new URLSearchParams();
  for (const [name, value] of form) if (value) query.set(name, value);
  query.set('page', state.page); query.set('size', state.size);
  const answer = await api('/api/projects?' + query);
  document.getElementById('results-count').textContent = `共 ${answer.total} 个项目`;
  document.getElementById('results').replaceChildren(...answer.items.map(p => el('li', {},
    el('a', { href: '#/project/' + p.id, text: p.title }),
    el('div', { class: 'meta', text: `${p.streetName || p.street} · ${label('categories', p.category)} · ${label('statuses', p.status)} · 进度 ${p.progress}%` }))));
  const pages = Math.max(1, Math.ceil(answer.total / state.size));
  document.getElementById('page-label').textContent = `第 ${state.page + 1} / ${pages} 页`;
  document.getElementById('previous').disabled = state.page === 0;
  document.getElementById('next').disabled = state.page + 1 >= pages;
}

async function project(id) {
  const section = document.getElementById('project');
  const p = await api('/api/projects/' + encodeURIComponent(id));
  section.hidden = false;
  document.getElementById('project-title').textContent = p.title;
  const facts = [['街镇', p.streetName || p.street], ['社区', p.community], ['类别', label('categories', p.category)],
    ['诉求类型', (p.issueTypes || []).map(t => label('issue-types', t)).join('、')], ['状态', label('statuses', p.status)],
    ['责任单位', p.responsibleUnit], ['完成时限', p.deadline], ['进度', p.progress + '%'],
    ['资金（元）', number(p.fundedAmount)], ['实际投资（元）', number(p.actualCost)]];
  document.getElementById('project-facts').replaceChildren(...facts.flatMap(([name, value]) =>
    [el('dt', { text: name }), el('dd', { text: value == null ? '—' : String(value) })]));
  const steps = [[p.filedOn, '街镇申报入池']];
  (p.batches || []).forEach((batch, i) => steps.push([null, (i === 0 ? '评审入库：' : '结转至：') + batch]));
  if (Number(p.fundedAmount) > 0) steps.push([null, `专项资金支持 ${number(p.fundedAmount)} 元`]);
  (p.departments || []).forEach(d => {
    steps.push([d.summonedOn, `吹哨：${label('departments', d.department)}`]);
    if (d.reportedIn) steps.push([d.reportedInOn, `报到：${label('departments', d.department)}`]);
  });
  if (p.progress > 0 && p.status !== 'COMPLETED') steps.push([null, `实施中，进度 ${p.progress}%`]);
  if (p.completedOn) steps.push([p.completedOn, '完成']);
  if (p.status === 'CANCELLED') steps.push([null, '已撤销']);
  document.getElementById('timeline').replaceChildren(...steps.map(([day, what]) => el('li', { text: (day ? day + '　' : '') + what })));
  const impact = await api('/api/projects/' + encodeURIComponent(id) + '/impact');
  const text = document.getElementById('impact');
  text.className = impact.change == null ? '' : Number(impact.change) < 0 ? 'fell' : 'rose';
  text.textContent = impact.after == null ? '项目完成后开始测算诉求变化。'
    : impact.change == null ? `完成后 ${impact.months} 个月的诉求量尚未全部录入，暂不能比较。`
      : `完成后 ${impact.months} 个月，相关诉求 ${number(impact.after.count)} 件，上年同期 ${number(impact.afterYearEarlier.count)} 件，`
        + (Number(impact.change) < 0 ? `下降 ${percent(-impact.change)}。` : `上升 ${percent(impact.change)}。`);
  document.getElementById('project-title').focus();
}

async function refresh() {
  try {
    await Promise.all([overview(), streets(), hotspots()]);
    if (!document.getElementById('project').hidden && location.hash.startsWith('#/project/')) await project(location.hash.slice(10));
    document.getElementById('updated').textContent = new Date().toLocaleString('zh-CN');
  } catch (error) {
    document.getElementById('updated').textContent = '暂时无法更新（' + error.message + '）';
  }
}

function route() {
  if (location.hash.startsWith('#/project/')) project(decodeURIComponent(location.hash.slice(10))).catch(() => {
    document.getElementById('project').hidden = false;
    document.getElementById('project-title').textContent = '没有找到这个项目';
  });
}

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('period').value = String(new Date().getFullYear());
  document.getElementById('search-form').addEventListener('submit', event => { event.preventDefault(); state.page = 0; search(); });
  document.getElementById('period-form').addEventListener('submit', event => { event.preventDefault(); hotspots(); });
  document.getElementById('previous').addEventListener('click', () => { state.page--; search(); });
  document.getElementById('next').addEventListener('click', () => { state.page++; search(); });
  document.querySelectorAll('#street-table th button').forEach(button => button.addEventListener('click', () => {
    const key = button.dataset.key;
    state.sort = { key, down: state.sort.key === key ? !state.sort.down : true };
    renderStreets();
  }));
  window.addEventListener('hashchange', route);
  await loadLabels();
  await refresh();
  await search();
  route();
  setInterval(refresh, 30_000);
});
