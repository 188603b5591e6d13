/**
 * The Finnish message catalogue (suomi). Domain terms follow the cluster development cookbook
 * (Klusterikehittämisen keittokirja, City of Vantaa 2025) as `docs/glossary-fi.md` lists them with
 * their line numbers: klusteri, klusteriorganisaatio, toimija, Triple / Quadruple / Penta Helix
 * -malli (the cookbook keeps the English model names), kolmas sektori, startup-yritykset,
 * rahoittajat, lukkiutuminen, resilienssi, jäsenkysely, hankerahoitus, henkilötyövuosi (htv).
 * Numerals take the partitive (`3 toimijaa`, `1 toimija`).
 *
 * Size: over 500 lines because it is one language's whole vocabulary, kept in one file so that a
 * translator works through one file.
 */
import type { Messages } from './en.js';
import { appFi } from './app-fi.js';

const n1 = (count: number, one: string, many: string): string => (count === 1 ? one : many);

export const fi: Messages = {
  languageName: 'suomi',

  roles: {
    industry: 'yritykset',
    'research-education': 'tutkimus ja koulutus',
    public: 'julkinen sektori',
    'civil-society': 'kolmas sektori',
    startup: 'startup-yritykset',
    financier: 'rahoittajat',
    individual: 'yksityishenkilöt',
  },

  lockInLevels: { low: 'matala', medium: 'kohtalainen', high: 'korkea' },

  forms: {
    association: 'rekisteröity yhdistys',
    'development-company-project': 'kehitysyhtiön hanke',
    'contract-based': 'sopimuspohjainen',
    'city-programme': 'kaupungin vetämä',
    'limited-company': 'osakeyhtiö',
    'anchor-firm-led': 'veturiyrityksen vetämä',
    cooperative: 'osuuskunta',
    other: 'muu',
  },
  fundingTypes: { 'long-term': 'pysyvä rahoitus', project: 'hankerahoitus', members: 'jäsenmaksut', anchor: 'veturiyritys', other: 'muu' },
  activityKinds: {
    project: 'hanke',
    event: 'tapahtuma',
    section: 'jaosto',
    team: 'tiimi',
    visit: 'vierailu',
    matchmaking: 'matchmaking',
    other: 'muu',
  },

  summary: {
    network: (name, format) => `Verkosto: ${name} (${format})`,
    source: (s) => (/^(source|lähde):/i.test(s) ? s : `Lähde: ${s}`),
    actors: (n) => `Toimijat: ${n}`,
    ties: (explicit, projected) => `Yhteydet: ${explicit} suoraa, ${projected} toiminnoista johdettua`,
    fromActivities: (n, kinds) => ` (${n} toiminnosta: ${kinds})`,
    pairs: (pairs, density) => `  ${pairs} toimijaparia yhteydessä, tiheys ${density}`,
    selfLoops: (n) => `, ${n} silmukkaa (mittarit ohittavat ne)`,
    components: (count, largest, isolates) => `Yhtenäiset osat: ${count} (suurin ${largest} toimijaa); ilman yhteyksiä: ${isolates}`,
    coverage: 'Helixkattavuus:',
    models: { triple: 'Triple Helix -malli:   ', quadruple: 'Quadruple Helix -malli:', penta: 'Penta Helix -malli:    ' },
    yes: 'kyllä',
    no: (missing) => `ei (puuttuu ${missing})`,
    profile: (name, form) => `Profiili: ${name} (${form})`,
    coordinators: (list) => `  koordinaattorit: ${list}`,
    staff: (fte, year) => `  henkilöstö: ${fte} htv (${year})`,
    funding: (year, money, byType) => `  rahoitus ${year}: ${money} (${byType})`,
    activities: (n, year) => `  toiminnot: ${n} vuonna ${year}`,
    focusAreas: (list) => `  painopisteet: ${list}`,
    sections: (n) => `  jaostot: ${n}`,
    survey: (ties, years, reciprocal, both, share) =>
      `Jäsenkysely: ${ties} kyselyssä nimettyä yhteyttä (${years}); kahden vastaajan välisistä ${both} yhteydestä ${reciprocal} molemminpuolisia (${share})`,
  },

  analysis: {
    title: (name) => `Verkostoanalyysi: ${name ?? 'nimetön verkosto'}`,
    data: (files) => `Aineisto: ${files}`,
    source: (source) => `Lähde: ${source}`,
    note: (note) => `Huom.: ${note}`,
    analysedWith: (seed, distance) => `Analysoitu HelixLabilla (siemenluku ${seed}, etäisyydet: ${distance}).`,
    distanceModes: { hops: 'askelina', 'inverse-weight': 'painojen käänteislukuina' },

    headlineTitle: 'Yhteenveto',
    headlineHow: 'Keitä verkostossa on, mitkä helixin säikeet ovat mukana ja tärkeimmät tulokset yhdellä silmäyksellä.',
    actors: (n, count) => `${n} ${n1(count, 'toimija', 'toimijaa')}`,
    none: 'ei yhtään',
    tiedPairs: (n, count) => `${n} ${n1(count, 'yhteys', 'yhteyttä')}`,
    structure: (density, components, count, largest) =>
      `, tiheys ${density}, ${components} ${n1(count, 'yhtenäinen osa', 'yhtenäistä osaa')} (suurin ${largest} toimijaa)`,
    jointActivities: (n) => `, ${n} yhteistä toimintoa (hankkeet, tapahtumat, jaostot ym.).`,
    period: '.',
    triple: 'Triple Helix -malli (yritykset, tutkimus ja koulutus, julkinen sektori)',
    quadruple: 'Quadruple Helix -malli (+ kolmas sektori)',
    penta: 'Penta Helix -malli (+ startup-yritykset ja rahoittajat)',
    coverageComplete: (model) => `${model}: kaikki säikeet mukana`,
    coverageMissing: (model, missing) => `${model}: puuttuu ${missing}`,
    lockInRisk: 'Lukkiutumisen riski: ',
    scoreLevel: (score, level) => `${score} (${level})`,
    escaAll: (verdict, communities, modularity) =>
      `. ESCA-vähimmäiskriteerit: ${verdict === 'pass' ? 'kaikki täyttyvät' : verdict === 'fail' ? 'kaikki eivät täyty' : 'kaikkia ei voi tarkistaa'}. ` +
      `${communities} ryhmittymää (modulaarisuus ${modularity}).`,

    lockInTitle: (score, level) => `Lukkiutumisen riski: ${score} (${level})`,
    lockInHow: (medium, high) =>
      `0 = avoin, monipuolinen ja uudistuva; 1 = suljettu, sisäänpäin kääntynyt ja yhdestä toimijasta riippuvainen. ` +
      `Matala alle ${medium}, kohtalainen alle ${high}, korkea ${high} alkaen. ` +
      `Pistemäärä on osatekijöiden painotettu keskiarvo (kukin 0–1, suurempi = suurempi riski); se on HelixLabin oma yhdistelmämittari, ei julkaistu indeksi (ks. docs/lock-in.md).`,
    lockInHead: ['osatekijä', 'arvo', 'paino', 'korkea arvo tarkoittaa'],
    notJudged: 'ei arvioitu',
    why: 'Miksi:',
    components: {
      closure: 'Sulkeutuneisuus',
      insularity: 'Eristyneisyys',
      concentration: 'Keskittyneisyys',
      homogeneity: 'Samankaltaisuus',
      brokerDependence: 'Riippuvuus välittäjästä',
      renewal: 'Uudistuminen',
    },
    componentMeaning: {
      closure: 'kumppanien kumppanit ovat jo kumppaneita (kolmioita enemmän kuin tiheys selittää)',
      insularity: 'yhteydet pysyvät saman helixroolin tai toimialan sisällä',
      concentration: 'yhteydet riippuvat yhdestä keskustoimijasta tai veturiyrityksestä',
      homogeneity: 'toimijat ovat rooliltaan ja toimialaltaan samankaltaisia',
      brokerDependence: 'yksi toimija hallitsee siltoja helixien välillä',
      renewal: 'viime vuosina vähän uusia yhteyksiä ja uusia toimijoita',
    },

    brokersTitle: 'Keskeisimmät välittäjät',
    brokersHow:
      'Helixien välinen välillisyys: kuinka suuri osa eri helixroolien toimijoiden välisistä lyhimmistä poluista kulkee toimijan kautta (0–1). ' +
      'Välillisyys: sama kaikkien toimijaparien kesken. Rajoittuneisuus (Burt): matala = toimija ylittää rakenteellisia aukkoja, korkea = sen kumppanit tuntevat kaikki toisensa. ' +
      'Tärkein välittäjärooli (Gould & Fernandez): millaisia pareja toimija useimmin yhdistää.',
    brokersHead: [
      '#',
      'toimija',
      'helixrooli',
      'helixien välinen välillisyys',
      'välillisyys',
      'kumppanit',
      'rajoittuneisuus',
      'tärkein välittäjärooli',
    ],
    noBrokers: 'Yksikään toimija ei ole kahden muun välisellä polulla: välittäjiä ei ole.',
    brokerRoles: {
      coordinator: 'yhdistää kaksi oman roolinsa toimijaa (koordinaattori)',
      itinerant: 'yhdistää kaksi saman toisen roolin toimijaa (kiertävä välittäjä)',
      representative: 'yhdistää oman roolinsa toiseen rooliin (portinvartija / edustaja)',
      gatekeeper: 'yhdistää oman roolinsa toiseen rooliin (portinvartija / edustaja)',
      liaison: 'yhdistää kaksi eri roolia, joista kumpikaan ei ole sen oma (yhdyshenkilö)',
    },

    helixTitle: 'Toimijarakenne',
    helixHow:
      'Miten toimijat jakautuvat helixrooleihin ja ylittävätkö yhteydet roolien rajoja. Terveessä klusterissa kaikki säikeet ovat mukana ja rajat ylittäviä yhteyksiä on paljon.',
    barsHead: ['', 'toimijat', 'osuus'],
    noSynergy: 'Synergia T: aineistossa ei ole yhteisiä toimintoja.',
    synergy: (activities, bits, negative, quadruple) =>
      `Synergia T (yritykset × tutkimus × julkinen sektori, ${activities} toiminnon perusteella): ${bits} bittiä` +
      (negative
        ? ' — negatiivinen: kolme säiettä kohtaavat tavalla, joka vähentää epävarmuutta (synergiaa).'
        : ' — ei negatiivinen: ei Triple Helix -synergiaa.') +
      ` Neljä säiettä (+ kolmas sektori): ${quadruple} bittiä.`,
    diversity: (blau, iqv) =>
      `Roolien monimuotoisuus: Blau ${blau}, IQV ${iqv} (0 = vain yksi rooli, 1 = kaikki seitsemän roolia yhtä suuria).`,
    eiLine: (ei, expected, p) =>
      `Yhteyksien E-I-indeksi roolin mukaan: ${ei} (−1 = kaikki yhteydet roolien sisällä, +1 = kaikki roolien välillä; sattumalta odotettu ${expected}, permutaatiotestin p = ${p}).`,
    assortativity: (a) =>
      `Assortatiivisuus roolin mukaan: ${a} (yli 0: toimijat solmivat yhteyksiä oman roolinsa kanssa useammin kuin sattumalta).`,
    eiHead: ['helixrooli', 'toimijat', 'yhteyksien E-I'],
    byGroup: (attribute) => `Muuttujan ${attribute} mukaan`,
    groupCounts: (list, unknown) => `: ${list}${unknown !== null ? `; tuntematon ${unknown}` : ''}. `,
    groupStats: (iqv, ei, p, assort, period) => `IQV ${iqv}, E-I ${ei} (p = ${p}), assortatiivisuus ${assort}` + (period ? '.' : ''),

    escaTitle: 'ESCA-tarkistus',
    escaHow: (year) =>
      'European Secretariat for Cluster Analysis -organisaation (ESCA) vähimmäiskriteerit klusteriorganisaatiolle (edellytys Bronze-, Silver- tai Gold-merkinnälle, ei riittävä ehto)' +
      (year !== null ? `, tarkistettu vuodelle ${year}.` : '.'),
    escaHead: ['kriteeri', 'vaatimus', 'arvo', 'tulos', 'lähde'],
    unknown: 'ei tiedossa',
    pass: 'täyttyy',
    fail: 'EI TÄYTY',
    fte: (v) => `${v} htv`,

    resilienceTitle: 'Resilienssi: mikä hajoaa, jos toimija lähtee',
    resilienceHow:
      'Jokainen rivi poistaa yhden toimijan (keskeisimmät välittäjät välillisyyden mukaan sekä koordinaattorit) yhteyksineen. Globaali tehokkuus: etäisyyden käänteisluvun keskiarvo kaikkien toimijaparien kesken (1 = kaikilla on yhteys kaikkiin). Suluissa muutos.',
    whyAsked: { coordinator: 'koordinaattori', 'top-betweenness': 'suuri välillisyys' },
    points: (x) => `${x} %-yks.`,
    resilienceNow: (largest, actors, components, count, efficiency) =>
      `Nyt: suurin yhtenäinen osa ${largest}/${actors} toimijaa, ${components} ${n1(count, 'yhtenäinen osa', 'yhtenäistä osaa')}, ` +
      `globaali tehokkuus ${efficiency}`,
    firmResearchNow: (share) => `, ${share} yritys–tutkimus-pareista tavoittaa toisensa.`,
    sampledEfficiency: (k) => ` (Tehokkuus arvioitu ${k} satunnaisesti valitun toimijan perusteella.)`,
    resilienceHead: [
      'jos tämä toimija lähtee',
      'helixrooli',
      'miksi mukana',
      'suurin yhtenäinen osa',
      'yhtenäiset osat',
      'globaali tehokkuus',
      'yritys–tutkimus-parit yhteydessä',
    ],
    fragilest: 'Haavoittuvin kohta: ',
    fragilestText: (shrink, _shrinkCount, more, moreCount) =>
      ` — ilman sitä suurin yhtenäinen osa pienenee ${shrink} toimijalla` +
      (more !== null ? ` ja ${more} ${n1(moreCount, 'ryhmä irtoaa', 'ryhmää irtoaa')} muista.` : '.'),
    noSinglePoint:
      'Yksikään tässä tarkistetuista toimijoista ei yksin pidä verkostoa koossa: se pysyy yhtenäisenä, lähtipä kuka tahansa niistä.',
    unmatchedCoordinators: (list) => `Profiilissa nimetyt koordinaattorit, joita ei ole verkostossa: ${list}.`,

    communitiesTitle: 'Ryhmittymät',
    communitiesHow:
      'Toimijaryhmät, joiden jäsenet ovat tiiviimmin yhteydessä toisiinsa kuin muihin. Modulaarisuus yli noin 0,3 tarkoittaa selviä ryhmiä. Vain yhden roolin ryhmittymä on siilo.',
    communitiesLine: (count, modularity, resolution) =>
      `${count} ryhmittymää, modulaarisuus ${modularity} (Louvain, resoluutio ${resolution}).`,
    communitiesHead: [
      '#',
      'toimijat',
      'hallitseva rooli',
      'helixrakenne',
      'roolien monimuotoisuus (IQV)',
      'parhaiten verkottuneet jäsenet',
    ],
    hiddenCommunities: (n, count, range) =>
      `${n} ${n1(count, 'pienempi ryhmittymä', 'pienempää ryhmittymää')} (${range} toimijaa) jätetty luettelosta pois`,
    singles: (n, count) =>
      `${n} ${n1(count, 'toimijalla ei ole yhteyksiä, ja se muodostaa', 'toimijalla ei ole yhteyksiä, ja kukin muodostaa')} oman ryhmittymänsä`,

    surveyTitle: 'Jäsenkysely',
    surveyHow:
      'Jäsenkyselyssä nimetyt yhteydet ("kenen kanssa teitte yhteistyötä tänä vuonna?"). Yhteys on molemminpuolinen, kun kumpikin toimija vastasi ja nimesi toisen; yksipuolinen, kun vain toinen kahdesta vastaajasta nimesi toisen.',
    surveyLine: (ties, years, reciprocal, bothAnswered, share) =>
      `${ties} kyselyssä nimettyä yhteyttä (${years}); kahden vastaajan välisistä ${bothAnswered} yhteydestä ${reciprocal} on molemminpuolisia (${share}).`,
  },

  scenario: {
    metricNames: {
      members: 'jäsenet',
      ties: 'yhteydet',
      meanTrust: 'luottamus',
      crossHelixShare: 'helixien väliset yhteydet',
      activities: 'toiminnot',
      coordinatorFte: 'koordinaattorin työaika',
      partnerships: 'kumppanuudet',
      jointProjects: 'yhteishankkeet',
      rdiInvestment: 'TKI-investoinnit',
      euFunding: 'EU-rahoitus',
      jobs: 'työpaikat',
      lockIn: 'lukkiutuminen',
      publicCost: 'julkinen rahoitus',
      partnershipsPerMillion: 'kumppanuudet / julkinen milj. €',
      reached: 'tavoitetut toimijat',
    },
    units: {
      members: 'toimijaa',
      ties: 'yhteyttä',
      meanTrust: '0–1',
      crossHelixShare: 'osuus',
      activities: 'vuodessa',
      coordinatorFte: 'htv',
      partnerships: 'kertymä',
      jointProjects: 'kertymä',
      rdiInvestment: '€, kertymä',
      euFunding: '€, kertymä',
      jobs: 'kertymä',
      lockIn: '0–1',
      publicCost: '€, kertymä',
      partnershipsPerMillion: 'per milj. € julkista rahaa',
      reached: 'kertymä',
    },
    millions: '\u00a0milj.',
    simHead: (name, runs, seed, years, money, bands) =>
      `Skenaario ${name}: ${runs} ajoa, siemenluku ${seed}, ${years} vuotta (vuosi 0 = lähtötilanne). Ajojen keskiarvo ja 90 %:n vaihteluväli.\n` +
      `${bands}\n` +
      `Julkinen rahoitus: ${money}.`,
    bands: (posterior) =>
      posterior === null
        ? 'Vaihteluvälit sisältävät vain ajojen välisen satunnaisvaihtelun: parametrit ovat skenaarion arvoissa.'
        : `Vaihteluvälit sisältävät ajojen välisen satunnaisvaihtelun ja parametrien epävarmuuden (posteriorijakauma ${posterior.file}, ${posterior.particles} partikkelia; ${posterior.parameters.join(', ')} arvotaan ajokohtaisesti).`,
    simCols: ['mittari', 'yksikkö', 'vuosi', 'keskiarvo', '90 %:n väli'],
    band: (lo, hi) => `${lo} – ${hi}`,
    finalPartnerships: (mean, lo, hi) => `\nKumppanuudet lopussa: ${mean} (keskiarvon 95 %:n luottamusväli ${lo} – ${hi}).`,
    ties: (window, pairs, model, cordis) =>
      `\nParit, joiden ensimmäinen yhteishanke alkoi vuosina ${window} (${pairs} paria kaikissa ajoissa): ` +
      `${model[0]} teki uuden yhteishankkeen, ${model[1]} limittäin, ${model[2]} vasta ensimmäisen päätyttyä ` +
      `(CORDIS H2020, enintään 3 osallistujan hankkeet: ${cordis[0]}, ${cordis[1]}, ${cordis[2]}).`,
    cmpHead: (years, runs, seed, baseline) =>
      `Vertailtu ${years} vuoden ajalta, ${runs} parittaista ajoa kutakin (yhteiset satunnaisluvut, siemenluku ${seed}).\n` +
      `Viimeisen vuoden keskiarvot; erot ovat parittaisia (skenaario − ${baseline}), ja niille annetaan keskimääräisen eron 95 %:n luottamusväli;\n` +
      `P(>) = niiden parittaisten ajojen osuus, joissa skenaarion arvo on suurempi kuin perustason (tasapelit lasketaan puoliksi).\n`,
    metric: 'mittari',
    diffHead: (name, baseline, years) => `\n${name} − ${baseline} (viimeinen vuosi; sekä keskiarvo vuosilta 1–${years}):\n`,
    diffCols: ['mittari', 'ero', '95 %:n LV', 'P(>)', 'vuosien yli', '95 %:n LV'],
    ci: (lo, hi) => `${lo} … ${hi}`,
    moneyText: (expected, scaled, realised) =>
      `${expected} € odotettu koko ajanjaksolla${scaled ? ` (julkiset rahavirrat skaalattu ×${scaled.scale} vastaamaan skenaariota ${scaled.with})` : ''}; toteutunut keskiarvo ${realised} €`,
    moneyNone: 'Yhtä paljon julkista rahaa: mikään skenaario ei käytä julkista rahaa.',
    moneyBaselineZero: (list) => `EI tasarahavertailu: perustaso ei käytä julkista rahaa (odotettu julkinen rahoitus: ${list}).`,
    moneyEqual: (list) => `Yhtä paljon julkista rahaa (odotettu koko ajanjaksolla, 1 %:n tarkkuudella): ${list}.`,
    moneyUnequal: (pct, list) =>
      `EI tasarahavertailu: odotettu julkinen rahoitus eroaa enintään ${pct} (${list}); erot sekoittavat rahoitusmallien ja rahamäärien vaikutukset.`,
  },

  impact: {
    title: 'HelixLab-vaikuttavuusraportti',
    sweep: (name) => `Parametriajo: ${name}`,
    scenario: 'skenaario',
    grids: 'parametrit',
    noGrids: 'ei yhtään (vain perustaso)',
    settingsRuns: 'asetelmat × ajot',
    settingsRunsValue: (settings, runs, years) => `${settings} × ${runs} ajoa × ${years} vuotta`,
    seed: 'siemenluku',
    versions: 'versiot',
    versionsValue: (helixlab, node) => `HelixLab ${helixlab}, Node ${node}`,
    fanCharts: 'Viuhkakaaviot: keskiarvo ja 90 %:n vaihteluväli (ajojen 5.–95. persentiili) vuosittain',
    everyScenario: ', kaikki skenaariot samassa kaaviossa',
    settingLabel: 'Asetelma: ',
    comparisonAt: (years, runs) => `Vertailu vuonna ${years}: keskiarvo [keskiarvon 95 %:n luottamusväli] ${runs} ajosta`,
    setting: 'asetelma',
    heatmaps: (years, averaged) =>
      `Lämpökartat vuonna ${years}: ajojen keskiarvo${averaged !== null ? ` (keskiarvo yli parametrien ${averaged})` : ''}`,
    metricLabel: 'Mittari: ',
    mean: 'keskiarvo',
    sensitivity: (method, metric, year) => `Herkkyysanalyysi (${method}): ${metric} vuonna ${year}`,
    parameters: 'parametrit',
    integer: ' (kokonaisluku)',
    design: 'koeasetelma',
    saltelli: (n) => `Saltelli, N = ${n}`,
    morris: (r) => `Morris, r = ${r} polkua`,
    designValue: (points, runs, bootstrap) => `${points} pistettä × ${runs} ajoa; ${bootstrap} bootstrap-otosta`,
    parameter: 'parametri',
    ciCol: (what, pct) => `${what} ${pct} %:n LV`,
    firstOrder: 'ensimmäisen kertaluvun S1',
    totalOrder: 'kokonaisindeksi ST',
    comparisonOf: (names) => `Vertailu: ${names}`,
    simulationOf: (name) => `Simulointi: ${name}`,
    vs: ' vs. ',
    resultOf: 'tuloksen tuotti',
    scenarios: 'skenaariot',
    baseline: ' (perustaso)',
    runsYears: 'ajot × vuodet',
    runsYearsValue: (runs, paired, years) => `${runs} ${paired ? 'parittaista ajoa (yhteiset satunnaisluvut)' : 'ajoa'} × ${years} vuotta`,
    seedRule: (paired) =>
      ` — ajo r käyttää satunnaislukuvirtaa createRng(seed).stream('run', r)${paired ? ' jokaisessa skenaariossa' : ''}`,
    noVersion: 'HelixLab-versiota ei ole tallennettu tiedostoon',
    network: 'verkosto',
    networkNote:
      'tiedostossa on myös yhden ajon tallennettu verkosto (<code>--network-run</code>); raportti ei käytä sitä (selainsovellus näyttää sen)',
    finalYear: (years, runs, baseline) =>
      `Vuosi ${years}: keskiarvo [keskiarvon 95 %:n luottamusväli] ${runs} ajosta${baseline !== null ? `; ero perustasoon ${baseline}, ajoittain parittain [95 %:n LV], ja P(suurempi)` : ''}`,
    metric: 'mittari',
    unit: 'yksikkö',
    renewalTitle: 'Yhteistyön uusiutuminen ensimmäisen yhteishankkeen jälkeen',
    renewalText:
      'Parit, joiden ensimmäinen yhteishanke alkoi vähintään 5 vuotta ennen tarkastelujakson loppua (summattuna ajojen yli), kuinka moni niistä aloitti uuden yhteishankkeen ensimmäisen päätyttyä, ja tämä osuus; CORDIS H2020 -aineistossa noin 5 % pareista uusiutui (docs/model.md, 3.5).',
    renewalCols: ['skenaario', 'parit', 'uusiutui päättymisen jälkeen', 'uusiutumisen osuus'],
    tiesTitle: 'Yhteistyö ensimmäisen yhteishankkeen jälkeen',
    tiesText:
      'Jäsenparit, joiden ensimmäinen yhteishanke alkoi tarkasteluikkunassa (summa ajojen yli; CORDIS H2020 -mittarin seuranta-aika, 4–7 vuotta), ja niiden osuus, joilla oli uusi yhteishanke (uudelleen), jonka seuraava hanke alkoi ennen ensimmäisen päättymistä (limittäin) tai vasta sen jälkeen (jälkeen). CORDIS H2020, enintään 3 osallistujan hankkeet, ensimmäinen yhteishanke 2014–2016: 12,2 % uudelleen, 5,5 % limittäin, 6,7 % jälkeen (docs/model.md, 3.5).',
    tiesCols: ['skenaario', 'ikkuna', 'parit', 'uudelleen', 'limittäin', 'jälkeen'],
    bandsContain: 'vaihteluvälit sisältävät',
    comparisonTitle: 'Skenaarioiden vertailu',
    comparisonText:
      'Jokainen viiva ja vaihteluväli on yksi parametriajo sen omassa osiossa valitulla asetelmalla (ensimmäinen asetelma, kunnes toinen valitaan).',
    finalYearMeans: 'Viimeinen vuosi: keskiarvo [keskiarvon 95 %:n luottamusväli]',
    comparisonCols: ['parametriajo', 'asetelma', 'vuosi', 'ajot'],
    exploreTitle: (b, a) => `Missä tulos pätee? ${b} verrattuna malliin ${a}`,
    exploreText: (points, runs, final, source) =>
      `${points} pistettä uskottavasta parametriavaruudesta × ${runs} parittaista ajoa (yhteiset satunnaisluvut); ${final ? 'viimeisen vuoden arvot' : 'keskiarvot vuosien yli'}. Lähde: ${source}.`,
    betterIs: 'parempi on',
    directions: { higher: 'suurempi', lower: 'pienempi' },
    better: (name) => `${name} parempi`,
    betterCi: (name) => `${name} parempi (95 %:n LV)`,
    significantly: (name) => `${name} merkitsevästi`,
    deciding: (b) => `Parametrit, jotka ratkaisevat etumerkin (ensimmäisen kertaluvun indeksi ehdolle "${b}`,
    decidingEnd: ' parempi")',
    flipsTitle: (a) => `Missä ${a} pärjää yhtä hyvin tai paremmin (PRIM-laatikot)`,
    noRegion: (metric, points) => `${metric}: ei yksinkertaista aluetta (${points} pistettä)`,
    region: (metric, conditions, density, coverage, mass) =>
      `${metric}: ${conditions} — tiheys ${density}, kattavuus ${coverage}, ${mass} avaruudesta`,
    and: ' ja ',
    provenance: 'Alkuperätiedot',
    tocCalibration: (scenario) => `Kalibrointi: ${scenario}`,
    tocExplore: (b, a) => `Tarkastelu: ${b} verrattuna malliin ${a}`,
    tocSensitivity: (method, metric) => `Herkkyysanalyysi (${method}): ${metric}`,
    fromDirs: (n) =>
      `${n} tuloshakemistosta. Kaikki, mitä tuloksen toistamiseen tarvitaan (skenaarion tiiviste, parametrit, siemenluvut, versiot), on lueteltu sen yhteydessä.`,
    fromMixed: (dirs, files) =>
      `${[dirs ? `${dirs} tuloshakemistosta` : '', `${files} <code>simulate</code>/<code>compare</code>-JSON-tiedostosta`].filter(Boolean).join(' ja ')}. Kunkin tuloksen parametrit, siemenluvut ja versiot on lueteltu sen yhteydessä (simulate/compare-JSON-tiedostoon tallentuvat skenaarioiden nimet, ajot, siemenluku ja vuodet, eivät skenaariotiedostot).`,
    generated: (version, from) => `Tuottanut HelixLab ${version} ${from}`,
    footer:
      'Kaaviot: Chart.js (MIT), upotettu. Vaihteluvälit ovat ajojen empiirisiä 5.–95. persentiilejä; keskiarvojen luottamusvälit perustuvat Studentin t-jakaumaan (keskiarvo ± t·sd/√n); herkkyysindeksien välit ovat bootstrap-persentiiliväliä.',
    footerPaired:
      ' Skenaarioiden erot ovat ajoittain parittaisia (yhteiset satunnaisluvut): ajokohtaisten loppuarvojen erojen keskiarvo 95 %:n luottamusvälein (Studentin t) sekä P(suurempi), niiden ajojen osuus, joissa skenaario päätyy perustasoa korkeammalle (tasapelit lasketaan puoliksi).',
    chart: { year: 'vuosi', p95: '95. persentiili', band: '90 %:n väli', mean: 'keskiarvo' },
  },

  explore: {
    split: (a, b, metric) => `${a} ja ${b} jakavat uskottavat asetelmat tasan mittarilla ${metric}.`,
    beats: (win, lose, metric, higher, share, lo, hi, sig) =>
      `${win} voittaa mallin ${lose} mittarilla ${metric} (${higher ? 'suurempi' : 'pienempi'} on parempi) ${share}:ssa uskottavista asetelmista ` +
      `[95 %:n LV ${lo}–${hi}; tilastollisesti merkitsevästi pisteessä ${sig}:ssa]`,
    flipDense: (lose, conditions, density, coverage) =>
      `; ${lose} pärjää yhtä hyvin tai paremmin, kun ${conditions} (${density}:ssa näistä asetelmista; alueella on ${coverage} kaikista asetelmista, joissa se pärjää)`,
    flipSparse: (lose, conditions, density, all, coverage) =>
      `; ${lose} pärjää yhtä hyvin tai paremmin useammin, kun ${conditions}: ${density}:ssa näistä asetelmista, kun kaikkiaan osuus on ${all} (alueella on ${coverage} kaikista asetelmista, joissa se pärjää)`,
    never: (lose) => `; ${lose} ei pärjää missään yhtä hyvin`,
    noRegion: (lose, n) => `; yksinkertaista aluetta, jossa ${lose} pärjää yhtä hyvin tai paremmin, ei löytynyt (${n} tällaista asetelmaa)`,
    decisive: (path, share) => `. Ratkaisevin parametri: ${path} (selittää ${share} etumerkin vaihtelusta)`,
    and: ' ja ',
    between: (name, a, b) => `${name} välillä ${a}–${b}`,
  },

  lockIn: {
    tooSmall: (actors, ties) => `Verkosto on liian pieni lukkiutumisen arvioimiseen (${actors} toimijaa, ${ties} yhteyttä).`,
    missing: {
      closure: 'Sulkeutuneisuutta ei voitu arvioida: yhdelläkään toimijalla ei ole kahta kumppania.',
      insularity: 'Eristyneisyyttä ei voitu arvioida: yhdenkään yhteyden kummankin osapuolen roolia ei tiedetä.',
      concentration: 'Keskittyneisyyttä ei voitu arvioida: liian vähän toimijoita tai yhteyksiä.',
      homogeneity: 'Samankaltaisuutta ei voitu arvioida: helixrooleja ei tiedetä.',
      brokerDependence:
        'Riippuvuutta välittäjästä ei arvioitu: yhdelläkään toimijalla ei ole kumppaneita kahdessa eri helixroolissa, joten helixien välistä välittämistä, josta verkosto voisi olla riippuvainen, ei ole.',
      renewal: 'Uudistumista ei voitu arvioida: aineistossa ei ole vuosia yhteyksille eikä toimijoiden liittymiselle.',
    },
    closure: (r, transitivity, density, high) =>
      `Sulkeutuneisuus ${r}: ${transitivity} niistä toimijakolmikoista, jotka voisivat sulkeutua kolmioksi, sulkeutuu, ` +
      `kun saman tiheyden satunnaisverkossa odotettu osuus on ${density}` +
      (high ? ' — kumppanit tuntevat jo enimmäkseen toisensa, joten uutta tietoa tulee vähän.' : '.'),
    insularity: (r, role, sector, high) =>
      `Eristyneisyys ${r}: ${[
        ...(role !== null ? [`${role} yhteyksistä pysyy saman helixroolin sisällä`] : []),
        ...(sector !== null ? [`${sector} saman toimialan sisällä`] : []),
      ].join(' ja ')}` + (high ? ' — yritysten, tutkimuksen, julkisen sektorin ja muiden välillä on vähän yhteyksiä.' : '.'),
    concentration: (r, hub, degree, share, high) =>
      `Keskittyneisyys ${r}: parhaiten verkottunut toimija${hub ? ` (${hub})` : ''} on yhteydessä ${degree} muuhun ` +
      `(${share} toimijoista); asteen keskittyneisyys on ${r}` +
      (high ? ' — klusteri on riippuvainen yhdestä keskustoimijasta tai veturiyrityksestä.' : '.'),
    homogeneity: (r, dominant, roleIqv, sectorIqv, high) =>
      `Samankaltaisuus ${r}: ${dominant ? `${dominant.share} toimijoista kuuluu ryhmään ${dominant.role}` : 'roolit eivät ole tiedossa'}; ` +
      `helixroolien monimuotoisuus (IQV) on ${roleIqv} enimmäisarvostaan${sectorIqv !== null ? `; toimialojen monimuotoisuus on ${sectorIqv} enimmäisarvostaan` : ''}` +
      (high ? ' — toimijat ovat hyvin samankaltaisia.' : '.'),
    brokerDirect: (r) => `Riippuvuus välittäjästä ${r}: eri helixroolien toimijat ovat suoraan yhteydessä toisiinsa; välikättä ei tarvita.`,
    broker: (r, broker, share, fragmentation) =>
      `Riippuvuus välittäjästä ${r}: ${broker} hallitsee ${share} helixien välisestä välittämisestä (eri rooleissa olevat kumppanit, joita vain se yhdistää)` +
      (fragmentation !== null
        ? `; ilman sitä vielä ${fragmentation} toimijapareista ei enää tavoittaisi toisiaan.`
        : '; verkosto pysyy yhtenäisenä ilman sitäkin.'),
    renewal: (r, young, window, newActors, year, high) =>
      `Uudistuminen ${r}: ${[
        ...(young !== null ? [`${young} yhteyksistä on syntynyt viimeisten ${window} vuoden aikana`] : []),
        ...(newActors !== null ? [`${newActors} toimijoista on liittynyt samana aikana`] : []),
      ].join(' ja ')}${year !== null ? ` (vuoteen ${year} mennessä)` : ''}` + (high ? ' — verkosto ei uudistu.' : '.'),
  },

  esca: {
    labels: {
      staff: 'Klusteriorganisaation henkilöstö (htv)',
      actors: 'Klusterin toimijat',
      companies: 'Enimmäkseen yrityksiä (yritysten osuus)',
      activities: 'Erilaisia toimintoja vuodessa',
      'focus-areas': 'Strategiset painopisteet',
    },
    requirements: {
      staff: (t) => `≥ ${t} htv`,
      actors: (t) => `≥ ${t} toimijaa`,
      companies: (t) => `yli ${t} toimijoista on yrityksiä`,
      activities: (t) => `≥ ${t} vuodessa`,
      'focus-areas': (t) => `≥ ${t}`,
    },
    sources: {
      'no organisation profile': 'ei organisaatioprofiilia',
      'actors in the network': 'verkoston toimijat',
      'helix roles industry and startup': 'helixroolit yritykset ja startup-yritykset',
      'no activity counts or activity years': 'ei toimintojen määriä eikä vuosia',
      'profile.staffFte: no value for the year': 'profile.staffFte: ei arvoa vuodelle',
    },
    activitiesRunning: (year) => `kaksimoodiaineiston toiminnot, käynnissä vuonna ${year}`,
  },

  calibration: {
    interval: (lo, hi) => `90 %:n väli ${lo}–${hi}`,
    pct: (n) => `${n} %`,
    pinnedDown: (interval, share) => `tarkasti määritetty: ${interval} kattaa ${share} priorin vaihteluvälistä`,
    narrowed: (interval, share) => `kaventunut: ${interval} kattaa ${share} priorin vaihteluvälistä`,
    weak: (interval, share) => `heikosti tunnistettu: ${interval} kattaa yhä ${share} priorin vaihteluvälistä`,
    notIdentified: (interval, share) =>
      `ei tunnistettavissa näistä kohteista: posteriori on lähes yhtä leveä kuin priori (sen ${interval} kattaa ${share} priorin vaihteluvälistä; priorin oma kattaa 90 %)`,
    pilesLow: (bound) =>
      `; se kasautuu priorin alarajalle (${bound}): kohteet saattavat vaatia pienempiä arvoja — harkitse priorin laajentamista`,
    pilesHigh: (bound) =>
      `; se kasautuu priorin ylärajalle (${bound}): kohteet saattavat vaatia suurempia arvoja — harkitse priorin laajentamista`,
    logScale: ' (logaritminen asteikko)',
    correlated: (a, b, negative, r) =>
      `${a} ja ${b} korreloivat posteriorissa ${negative ? 'negatiivisesti' : 'positiivisesti'} (r = ${r}): ` +
      `kohteet rajaavat niiden yhdistelmää enemmän kuin kumpaakaan erikseen`,
    constant: (name) =>
      `kohteen '${name}' tunnusluku ei vaihdellut priorin ennustejakaumassa: se ei voi kertoa parametreista (skaala asetettu arvoon 1)`,
    priorEdge: (name, observed, below, lo, hi) =>
      `kohde '${name}' (${observed}) on ${below ? 'alle' : 'yli'} priorin ennusteen 90 %:n välin ${lo}–${hi}: ` +
      `malli saavuttaa sen vain priorin reunalla, jos ollenkaan`,
    outside: (holdout, name, observed, lo, hi) =>
      `${holdout ? 'sivuun jätetty' : 'sovitettu'} kohde '${name}' (${observed}) on posteriorin ennusteen 90 %:n välin ${lo}–${hi} ulkopuolella`,
    stop: {
      'min-epsilon': 'Toleranssi saavutti alarajansa',
      'no-progress': 'Seuraava toleranssi ei olisi ollut edellistä pienempi',
      'max-generations': 'Sukupolvien enimmäismäärä ajettiin',
      'schedule-end': 'Toleranssiaikataulu käytettiin loppuun',
      'max-simulations': 'Simulaatiobudjetti loppui',
      'min-acceptance-rate': 'Seuraavan sukupolven hyväksymisosuus olisi jäänyt alle alarajan; se hylättiin',
    },
    levels: { 'pinned-down': 'tarkasti määritetty', narrowed: 'kaventunut', weak: 'heikko', 'not-identified': 'ei tunnistettavissa' },
    title: (scenario) => `Kalibrointi: ${scenario}`,
    theSimulator: 'simulaattori',
    summary: (params, fitted, heldOut, particles, generations, simulations) =>
      `ABC-SMC: ${params} parametri${params === 1 ? '' : 'a'}, ${fitted} sovitettu${fitted === 1 ? '' : 'a'} kohde${fitted === 1 ? '' : 'tta'}, ${heldOut} sivuun jätetty${heldOut === 1 ? '' : 'ä'}; ${particles} partikkelia sukupolvessa, ${generations} sukupolve${generations === 1 ? '' : 'a'}, ${simulations} simulaatiota; siemenluku`,
    finalTolerance: (eps, ess) => `Lopullinen toleranssi ε = ${eps}, efektiivinen otoskoko ${ess}.`,
    pinDown: 'Mitä aineisto määrittää',
    marginalsTitle: 'Posteriorin reunajakaumat',
    marginalCols: ['parametri', 'priori', 'mediaani', '90 %:n väli', 'osuus priorin välistä', 'tunnistettavuus'],
    log: ' (log)',
    pairPlots: (n) => `Parikuviot <small>(${n} partikkelia painojen mukaan arvottuna; akselit ovat priorin välit)</small>`,
    predictiveTitle: 'Posteriorin ennustetarkistukset',
    predictiveText:
      'Harmaa: priorin ennusteen 90 %:n väli; sininen: posteriorin ennusteen 90 %:n väli (valkoinen viiva: mediaani); vihreä: havainto (viiva arvolle, alue vaihteluvälille).',
    predictiveCols: ['kohde', 'rooli', 'havaittu', 'posteriorin ennuste 90 %', 'sisällä', 'kuvio', 'lähde'],
    heldOut: 'sivuun jätetty',
    fitted: 'sovitettu',
    yes: 'kyllä',
    no: 'ei',
    historyTitle: 'Hyväksymishistoria',
    historyCols: ['sukupolvi', 'ε', 'simulaatiot', 'hyväksymisosuus', 'ESS'],
    provenance: 'Alkuperä ja asetukset',
  },

  app: appFi,
};
