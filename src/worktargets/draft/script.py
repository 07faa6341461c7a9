"""Reports in traditional characters: the drafter reads them through their simplified forms.

A page in traditional characters (洋縣…十大民生實事, 實施田塊整治500畝) says what a simplified one
says; the drafter's words (units, magnitudes, comparators, verbs of completion, owner labels) are
written once, in simplified characters. ``to_simplified`` folds a text one character for one, so
that every offset stays: the drafter reads the folded text, and every ``source`` is cut back from
the text as written (``as_written``). Only characters outside GB2312 (the simplified set) are
folded, so a simplified text is never changed: 萬 → 万, 畝 → 亩, 處 → 处, 屆 → 届, 開 → 开.

The table holds the traditional forms of the characters of the drafter's words (the CJK
characters of ``draft/``, ``forms.py``, ``quantity.py`` and ``coverage.py``), taken from the
character table of the hanziconv package (Apache-2.0) and kept to those outside GB2312; a word
added to the drafter with a new character needs its traditional form added here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Draft

__all__ = ["to_simplified", "as_written", "restore"]

_TRADITIONAL = (
    "車見兒長東來兩門協狀計紅約剋則為係員財個剛級納記迴徑畝時隻衹設許堅區細組參從産處帶頃動務責婦規國條將專這啓問牽術現張眾費"
    "報場備傢詞評棟創單給統隊階發復項須幾間開進圍無鄉預經補裏裝準該詳達過運電極業資幹號會節較塊農義歲圓盞認說態滿漲滯綱網維綫"
    "稱種遞遠對閤劃領麼實颱臺團與製銷輛潤編緩線緻標彆賬質調請衛導數髮範複萬價億審寫確熱適暫錶錯錄噸諾餘辦應積蓋縣遷選燈據頭機"
    "學戰鍾環濟擬館營聲優檢點績總獲瞭臨嬰壓額題鎖鎮檻檯雙礎斷醫糧類繫穫穩識證嚮齣繼黨鐘嚴麵贏釋糰議纍續顧欄藝屬讀權鬚變纔驗體"
    "韆廳別產減並掛內刪況強豬爭戶屆沒紮裡黃冇決啟稅冊舉簽"
)
_SIMPLIFIED = (
    "车见儿长东来两门协状计红约克则为系员财个刚级纳记回径亩时只只设许坚区细组参从产处带顷动务责妇规国条将专这启问牵术现张众费"
    "报场备家词评栋创单给统队阶发复项须几间开进围无乡预经补里装准该详达过运电极业资干号会节较块农义岁圆盏认说态满涨滞纲网维线"
    "称种递远对合划领么实台台团与制销辆润编缓线致标别账质调请卫导数发范复万价亿审写确热适暂表错录吨诺余办应积盖县迁选灯据头机"
    "学战钟环济拟馆营声优检点绩总获了临婴压额题锁镇槛台双础断医粮类系获稳识证向出继党钟严面赢释团议累续顾栏艺属读权须变才验体"
    "千厅别产减并挂内删况强猪争户届没扎里黄没决启税册举签"
)
_FOLD = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


def to_simplified(text: str) -> str:
    """``text`` with its traditional characters in their simplified forms, one for one."""
    return text.translate(_FOLD)


def as_written(words: str, folded: str, written: str, pieced: bool = False) -> str:
    """``words`` (read in ``folded``) as ``written`` spells them: the same place, the same length; words
    ``pieced`` together from the text's (a title) character by character. The drafter's own words
    (（原文未见章节标题）) stay as they are."""
    if folded == written or not words:
        return words
    i = folded.find(words)
    if i != -1:
        return written[i:i + len(words)]
    if not pieced:
        return words
    back = {f: w for f, w in zip(folded, written) if f != w}
    return "".join(back.get(ch, ch) for ch in words)


def restore(draft: "Draft", folded: str, written: str) -> None:
    """Put the words of a draft read in ``folded`` back as ``written`` spells them (sources by their
    offsets; titles, sections, owners and excuses where ``folded`` holds them)."""
    if folded == written:
        return
    for t in draft.targets:
        if folded[t.offset:t.offset + len(t.source)] == t.source:
            t.source = written[t.offset:t.offset + len(t.source)]
        else:
            t.source = as_written(t.source, folded, written)
        t.title = as_written(t.title, folded, written, pieced=True)
        t.section, t.subsection = (as_written(w, folded, written) for w in (t.section, t.subsection))
        t.projects = [as_written(w, folded, written) for w in t.projects]
        t.owner, t.co_owners, t.leader = ([as_written(w, folded, written) for w in names]
                                          for names in (t.owner, t.co_owners, t.leader))
    for e in draft.excuses:
        e.text = as_written(e.text, folded, written)
    draft.title = as_written(draft.title, folded, written)
