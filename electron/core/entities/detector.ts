/**
 * Finds names the gazetteer does not know yet, from the cues Arabic news copy puts around them:
 * a title before a person (الرئيس، وزير الخارجية، الفريق الركن، المتحدث باسم…), an
 * organisation's head noun before its name (وزارة الصحة، هيئة الأرصاد، شركة «برمج»), a place
 * word before a place (مدينة البتراء، جزيرة سواكن، العاصمة نواكشوط). Words are compared through
 * the shared normalizer and the prefix forms of search, so للرئيس and بالعاصمة are cues too.
 *
 * Precision comes first: a suggestion that is often wrong stops being read. So a person needs
 * two words or more, a name never starts with a verb, a connective or a common adjective, and a
 * generic head with the article (البنك المركزي، الشركة) names nothing.
 */
import type { EntityKind } from '../../../shared/search/api';
import { normalizeArabic } from '../../../shared/text/normalize';
import { variants, words, type Word } from '../search/analyze';
import { compileMatcher, type EntityMatcher } from './matcher';

/** A name found by its cue, with how often the text mentions it. */
export interface DetectedName {
  kind: EntityKind;
  name: string;
  mentions: number;
}

const set = (list: string) =>
  new Set(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => normalizeArabic(w)),
  );

/** Titles and ranks before a person, without the article (الرئيس and رئيس both count). */
const PERSON_CUES = set(`
  رئيس رئيسة الرئيس الرئيسة وزير وزيرة نائب نائبة ملك الملك ملكة أمير الأمير أميرة شيخ الشيخ سيد السيد سيدة
  دكتور الدكتور دكتورة د مستشار مستشارة سفير سفيرة مبعوث مبعوثة متحدث المتحدث متحدثة ناطق الناطق ناطقة
  محافظ مدير مديرة أمين الأمين قائد فريق الفريق لواء اللواء عميد العميد عقيد العقيد مشير المشير جنرال الجنرال
  الرائد النقيب المقدم العماد البابا الإمام القاضي المستشار الحاخام الكاردينال المطران البطريرك
`);

/** Words that continue a title between its cue and the name: رئيس [مجلس الوزراء العراقي]، المتحدث [باسم] … */
const TITLE_LINKS = set(`
  باسم العام العامة السابق السابقة الأسبق الركن ركن جمهورية مملكة دولة حكومة إدارة أركان قوات جيش شؤون
`);

/** Head nouns of organisations; followed by definite words they name one (وزارة الصحة). */
const ORG_HEADS = set(`
  وزارة منظمة جامعة حزب مجلس شركة وكالة بنك مصرف هيئة جمعية مؤسسة صندوق اتحاد نقابة محكمة جبهة برلمان
`);
/** Complements that make a head generic, not a name: مجلس الإدارة is any company's board. */
const GENERIC_ORG = set(`الإدارة الأمناء الطلبة الآباء الحي المدينة`);
/** Heads that name an organisation only with a quoted or Latin name after them (شبكة "CNN"). */
const QUOTED_ORG_HEADS = new Set([...ORG_HEADS, ...set('حركة شبكة صحيفة قناة موقع مجموعة')]);

/** Place words before a place's name, without the article; العاصمة takes its adjectives first. */
const PLACE_CUES = set(`مدينة محافظة جزيرة ولاية بلدة قرية إقليم مخيم ميناء`);
const CAPITAL = normalizeArabic('عاصمة');

/** Words that end or never start a name: particles, connectives, time words, common verbs. */
const STOP = set(`
  في من إلى الى على عن مع خلال حيث الذي التي الذين اللذين اللتين كان كانت قد لقد لم لن إن أن ان أنه انه
  بعد قبل حول ضمن عبر بين لدى عند منذ حتى أو او ثم كما هذا هذه ذلك تلك هناك هنا هو هي هم نحو إثر اثر وفق
  يوم اليوم أمس الأمس غدا الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت المقبل الماضي الجاري الحالي
  الأسبوع الشهر العام السنة مساء صباح ليلة
  قال أكد أعلن أشار شدد بحث التقى دعا زار وصل غادر أوضح أضاف تابع استقبل كشف اعتبر رأى طالب حذر نفى ذكر
  صرح وقع ترأس افتتح أجرى تلقى تسلم بعث وجه هنأ أعرب عبر جدد رحب أدان ناقش أطلق قرر أفاد أبلغ نقل
  شرق غرب شمال جنوب شرقي غربي شمالي جنوبي وسط
`);
/** على as written (the normalized form is the name علي). */
const ON = 'على';
STOP.delete(normalizeArabic(ON));
STOP.add(ON);

/** Past verbs also show in the feminine (قالت، أكدت). */
for (const verb of [...STOP]) if (verb.length >= 3) STOP.add(`${verb}ت`);

/** Common adjectives a place word takes (مدينة كبيرة), which are not names. */
const ADJECTIVES = set(`
  كبيرة صغيرة جديدة قديمة واحدة أخرى مجاورة قريبة بعيدة أخيرة أولى ثانية ثالثة كاملة مختلفة عديدة ناشئة
  كبرى صغرى عدة كل بعض أي
`);

/** Given names that carry the article (common in the Maghreb and Libya). */
const ARTICLE_GIVEN_NAMES = set(`
  الطاهر الهادي الصادق المهدي المختار الأمين البشير الحبيب المنصف الباجي الطيب العربي الشريف المنجي
  الصديق السنوسي المبروك الناصر الحسن الحسين
`);

/** Name particles: inside a name they neither end it nor count as one of its words. */
const PARTICLES = set(`بن بنت ابن أبو ابو أبي عبد آل ولد بك باشا دي دو فون فان دا`);

/** Between two words: only spaces (a comma, a stop or a quote ends a name). */
const SPACE_ONLY = /^[\s\u200c\u200d]*$/;

/** The word with a leading و or ف taken off (the first step of `variants`). */
const withoutConjunction = (norm: string) => (/^[وف]/.test(norm) && norm.length > 3 ? norm.slice(1) : norm);

/** Whether the word, as written or without a leading و/ف or ب/ل, is in `list` (وزارة keeps its و). */
const headIn = (norm: string, list: Set<string>) =>
  [norm, withoutConjunction(norm), stripOnePreposition(norm)].some((form) => list.has(form));

/** Whether the word is definite: ال, وال, فال (not بال/لل, which open a new phrase). */
const isDefinite = (norm: string) => /^(ال)/.test(withoutConjunction(norm)) && norm.length > 3;
/** Whether the word is a preposition with the article (بالحكومة، للشركة). */
const isPrepositional = (norm: string) => /^(بال|لل|كال)/.test(withoutConjunction(norm));

/** Whether any prefix form of the word (للرئيس → رئيس, والرئيس → الرئيس) is in `list`. */
const formIn = (norm: string, list: Set<string>) => variants(norm).some((form) => list.has(form));

/** An adjective of relation (الليبية، عسكرية) or a plural (العمليات): describes, does not name. */
const looksAdjectival = (norm: string) => /(يه|يين|يون|ات)$/.test(norm) && !ARTICLE_GIVEN_NAMES.has(norm);

export function detectNewNames(text: string, known: EntityMatcher, limit = 20): DetectedName[] {
  // The normalizer folds على (on) into علي (Ali); here the preposition keeps its own spelling.
  const list = words(text).map((word) =>
    /^[وف]?على$/.test(text.slice(word.start, word.end).replace(/[\u064b-\u065f\u0670\u0640]/g, ''))
      ? { ...word, norm: ON }
      : word,
  );
  const gapBefore = (i: number) => text.slice(list[i - 1]!.end, list[i]!.start);
  const joined = (i: number) => i > 0 && i < list.length && SPACE_ONLY.test(gapBefore(i));
  const found: { kind: EntityKind; name: string }[] = [];
  const spell = (from: number, to: number) => text.slice(list[from]!.start, list[to - 1]!.end);

  for (let i = 0; i < list.length; i += 1) {
    const norm = list[i]!.norm;
    if (formIn(norm, PERSON_CUES)) {
      const name = personAfter(list, i, joined, gapBefore);
      if (name) found.push({ kind: 'person', name: spell(name.from, name.to) });
    }
    if (!isDefinite(norm) && !isPrepositional(norm) && headIn(norm, ORG_HEADS)) {
      let to = i + 1;
      while (to < list.length && to - i <= 4 && joined(to) && orgWord(list[to]!.norm, to === i + 1)) to += 1;
      if (to > i + 2 || (to === i + 2 && !GENERIC_ORG.has(list[i + 1]!.norm)))
        found.push({ kind: 'organisation', name: spell(i, to) });
    }
    if (formIn(norm, PLACE_CUES) && !isDefinite(norm)) {
      const name = placeAfter(list, i + 1, joined, true);
      if (name) found.push({ kind: 'place', name: spell(name.from, name.to) });
    }
    if (variants(norm).includes(CAPITAL) || variants(norm).includes(`ال${CAPITAL}`)) {
      // العاصمة الليبية طرابلس: the capital's adjectives first, then the name, without the article.
      let at = i + 1;
      while (at < list.length && joined(at) && isDefinite(list[at]!.norm) && looksAdjectival(list[at]!.norm))
        at += 1;
      const name = at < list.length && joined(at) ? placeAfter(list, at, joined, false) : null;
      if (name) found.push({ kind: 'place', name: spell(name.from, name.to) });
    }
  }
  found.push(...quotedOrganisations(text));

  // Names the gazetteer knows are suggested as known; a candidate that starts with one was cut wrong.
  const out = new Map<string, DetectedName>();
  for (const candidate of found) {
    const key = words(candidate.name)
      .map((w) => w.norm)
      .join(' ');
    if (out.has(key)) continue;
    const first = words(candidate.name)[0];
    if (!first) continue;
    const knownInside = known.find(candidate.name);
    // A person's name holds no known place or body (جمهورية العراق is not a person); an
    // organisation may (جامعة بغداد), but not start with one.
    if (candidate.kind === 'person' && knownInside.length > 0) continue;
    if (knownInside.length > 0 && known.find(candidate.name.slice(0, first.end)).length > 0) continue;
    if (
      knownInside.some(({ entry }) => [entry.name, ...entry.aliases].some((n) => sameName(n, candidate.name)))
    )
      continue;
    out.set(key, { ...candidate, mentions: 0 });
  }
  // How often each is mentioned, by the gazetteer's own matching (prefixes, spellings).
  const names = [...out.values()];
  const counter = compileMatcher(
    names.map((n, index) => ({ id: String(index), kind: n.kind, name: n.name, aliases: [] })),
  );
  for (const { entry, mentions } of counter.find(text)) names[Number(entry.id)]!.mentions = mentions;
  return names
    .filter((n) => n.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, limit);
}

const sameName = (a: string, b: string) =>
  words(a)
    .map((w) => w.norm)
    .join(' ') ===
  words(b)
    .map((w) => w.norm)
    .join(' ');

/** A single ب or ل before a head noun (لوزارة، بمنظمة) is a preposition, not part of it. */
function stripOnePreposition(norm: string): string {
  const rest = withoutConjunction(norm);
  return /^[بل]/.test(rest) && rest.length > 4 ? rest.slice(1) : rest;
}

/** A word that continues an organisation's name after its head: definite, not a stop or a time. */
function orgWord(norm: string, first: boolean): boolean {
  if (!isDefinite(norm) || formIn(norm, STOP) || isPrepositional(norm)) return false;
  // و + article continues only after the first word: وزارة الخارجية والتعاون الدولي.
  if (first && /^[وف]/.test(norm) && !norm.startsWith('ال')) return false;
  return true;
}

/** A word that can be part of a name: not a stop, cue, head or adjective. */
function nameLike(norm: string): boolean {
  if (!/[\u0621-\u064a]/.test(norm) || /^\d/.test(norm)) return false;
  if (STOP.has(norm) || formIn(norm, PERSON_CUES) || ORG_HEADS.has(norm) || PLACE_CUES.has(norm))
    return false;
  if (ADJECTIVES.has(norm) || TITLE_LINKS.has(norm)) return false;
  return true;
}

/** Where a person's name starts after a title cue at `cue`, and where it ends; null if none. */
function personAfter(
  list: Word[],
  cue: number,
  joined: (i: number) => boolean,
  gap: (i: number) => string,
): { from: number; to: number } | null {
  // The rest of the title: definite words (الخارجية، المكلف، الأمريكي), more cues (نائب رئيس),
  // organisation heads (مجلس), links (باسم، الركن), a preposition with the article (بالحكومة)
  // and its من/في; then at most one comma before the name (نائب وزير الدفاع الروسي، يونس …).
  let at = cue + 1;
  let commaUsed = false;
  let titleWords = 0;
  while (at < list.length && titleWords < 12) {
    if (!joined(at)) {
      // A comma right after the title may introduce the name; anything else ends the title.
      commaUsed = titleWords > 0 && /^\s*[،,]\s*$/.test(gap(at));
      break;
    }
    const norm = list[at]!.norm;
    if (
      ARTICLE_GIVEN_NAMES.has(norm) &&
      at + 1 < list.length &&
      joined(at + 1) &&
      nameLike(list[at + 1]!.norm)
    )
      break;
    const inTitle =
      (isDefinite(norm) && !formIn(norm, STOP)) ||
      isPrepositional(norm) ||
      formIn(norm, PERSON_CUES) ||
      headIn(norm, ORG_HEADS) ||
      headIn(norm, TITLE_LINKS) ||
      ((norm === 'من' || norm === 'في' || norm === 'لدي') &&
        at + 1 < list.length &&
        isDefinite(list[at + 1]!.norm));
    if (!inTitle) break;
    at += 1;
    titleWords += 1;
  }
  if (at >= list.length) return null;
  if (!joined(at) && !commaUsed) return null;
  // The name: a given name or a word that is not a verb or connective, then up to three more.
  const start = at;
  const first = list[start]!.norm;
  if (!nameLike(first)) return null;
  if (isDefinite(first) && !ARTICLE_GIVEN_NAMES.has(first)) return null;
  if (/^[وفيتن]/.test(first) && !GIVEN_WITH_VERB_LETTER.has(first)) return null;
  let end = start + 1;
  let counted = PARTICLES.has(first) ? 0 : 1;
  while (end < list.length && end - start < 4 && joined(end)) {
    const norm = list[end]!.norm;
    if (!nameLike(norm) || (/^[وف]/.test(norm) && !PARTICLES.has(norm))) break;
    if (isPrepositional(norm) || looksAdjectival(norm)) break;
    // A short word opening with ي/ت/ن is most likely a verb (يكتب، تتضمن), unless a known given name.
    if (/^[يتن]/.test(norm) && norm.length <= 5 && !GIVEN_WITH_VERB_LETTER.has(norm)) break;
    if (!PARTICLES.has(norm)) counted += 1;
    end += 1;
  }
  // A name does not end on a particle (عبد، أبو، بن…).
  while (end > start && PARTICLES.has(list[end - 1]!.norm)) end -= 1;
  if (counted < 2 || end - start < 2) return null;
  return { from: start, to: end };
}

/** Given names that start like a verb or a connective (يونس، وليد، تامر…), so they may start a name. */
const GIVEN_WITH_VERB_LETTER = set(`
  يونس يوسف ياسين يحيى يزيد يعقوب ياسر يسرى يمنى يوسري
  وليد وائل وفاء وسام وجدي وحيد وهبة وديع فؤاد فاطمة فيصل فهد فراس فرح فادي فتحي فريد فوزي
  تامر توفيق تميم تركي تيسير نبيل نزار نادر ناصر نجيب نور نوال نادية نصر نعيم نهى
`);

/** A place's name after a place word: one or two words; the article allowed when `article`. */
function placeAfter(
  list: Word[],
  at: number,
  joined: (i: number) => boolean,
  article: boolean,
): { from: number; to: number } | null {
  if (at >= list.length || !joined(at)) return null;
  const first = list[at]!.norm;
  if (!nameLike(first) || looksAdjectival(first) || isPrepositional(first)) return null;
  if (/^[وف]/.test(first) && !first.startsWith('ال') && !GIVEN_WITH_VERB_LETTER.has(first)) return null;
  if (isDefinite(first) && !article) return null;
  let end = at + 1;
  if (end < list.length && joined(end)) {
    const next = list[end]!.norm;
    if (nameLike(next) && !isDefinite(next) && !looksAdjectival(next) && !/^[وفب]/.test(next)) end += 1;
  }
  return { from: at, to: end };
}

/** An organisation named in quotes or Latin letters after its head: شركة «برمج»، وكالة Reuters. */
function quotedOrganisations(text: string): { kind: EntityKind; name: string }[] {
  const out: { kind: EntityKind; name: string }[] = [];
  const pattern =
    /([\p{L}\p{M}]+)\s*(?:«([^»\n]{2,60})»|"([^"\n]{2,60})"|“([^”\n]{2,60})”|([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}))/gu;
  for (const match of text.matchAll(pattern)) {
    const head = normalizeArabic(match[1]!);
    if (!headIn(head, QUOTED_ORG_HEADS) || isDefinite(head)) continue;
    // A Latin name ends before the sentence's full stop (وكالة Reuters.).
    const name = (match[2] ?? match[3] ?? match[4] ?? match[5] ?? '').trim().replace(/[.-]+$/, '');
    if (name && words(name).length > 0 && words(name).length <= 5) out.push({ kind: 'organisation', name });
  }
  return out;
}
