<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>zhucun</name>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="36"/>
        <location filename="../../desktop/ui/checks/form.py" line="41"/>
        <location filename="../../desktop/ui/settings/page.py" line="50"/>
        <source>未填</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="37"/>
        <location filename="../../desktop/ui/households/window.py" line="72"/>
        <location filename="../../desktop/ui/overview/page.py" line="286"/>
        <location filename="../../desktop/domain/enums.py" line="151"/>
        <source>达标</source>
        <extracomment>desktop/domain/enums.py: Status.MET.label (a checklist verdict)</extracomment>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="38"/>
        <location filename="../../desktop/ui/households/window.py" line="73"/>
        <location filename="../../desktop/ui/overview/page.py" line="34"/>
        <location filename="../../desktop/ui/overview/page.py" line="72"/>
        <location filename="../../desktop/ui/overview/page.py" line="286"/>
        <location filename="../../desktop/domain/enums.py" line="151"/>
        <source>未达标</source>
        <extracomment>desktop/domain/enums.py: Status.NOT_MET.label (a checklist verdict)</extracomment>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="39"/>
        <location filename="../../desktop/ui/households/window.py" line="74"/>
        <location filename="../../desktop/ui/overview/page.py" line="35"/>
        <location filename="../../desktop/ui/overview/page.py" line="72"/>
        <location filename="../../desktop/domain/enums.py" line="151"/>
        <source>待核实</source>
        <extracomment>desktop/domain/enums.py: Status.UNKNOWN.label (a checklist verdict)</extracomment>
        <translation>To verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="41"/>
        <location filename="../../desktop/ui/widgets/record_table_model.py" line="115"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="41"/>
        <location filename="../../desktop/ui/widgets/record_table_model.py" line="115"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="54"/>
        <source>入户核查</source>
        <translation>Household check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="64"/>
        <location filename="../../desktop/ui/visits/page.py" line="314"/>
        <source>多人用顿号分隔</source>
        <translation>Separate several names with 、 or commas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="75"/>
        <source>保存核查（Ctrl+Enter）</source>
        <translation>Save check (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="79"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="118"/>
        <location filename="../../desktop/ui/photos/page.py" line="169"/>
        <location filename="../../desktop/ui/printing/options.py" line="58"/>
        <location filename="../../desktop/ui/visits/page.py" line="375"/>
        <source>农户</source>
        <comment>one household, chosen in a form</comment>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="82"/>
        <location filename="../../desktop/domain/fields.py" line="119"/>
        <source>核查人</source>
        <extracomment>desktop/domain/fields.py: assessment.assessors</extracomment>
        <translation>Checked by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="84"/>
        <location filename="../../desktop/domain/fields.py" line="119"/>
        <source>核查日期</source>
        <extracomment>desktop/domain/fields.py: assessment.assessed_on</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="96"/>
        <location filename="../../desktop/ui/households/event_form.py" line="178"/>
        <location filename="../../desktop/ui/households/income_form.py" line="66"/>
        <location filename="../../desktop/ui/households/window.py" line="66"/>
        <location filename="../../desktop/domain/fields.py" line="80"/>
        <location filename="../../desktop/domain/fields.py" line="112"/>
        <location filename="../../desktop/domain/fields.py" line="121"/>
        <location filename="../../desktop/domain/fields.py" line="143"/>
        <source>备注</source>
        <extracomment>desktop/domain/fields.py: household.note, member.note, assessment.note, income.note</extracomment>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="101"/>
        <source>在左侧总览中点选一户，或在上面输入姓名、拼音首字母或户编号。</source>
        <translation>Click a household in the overview on the left, or type a name, pinyin initials or household no. above.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="120"/>
        <source>{dimension}的核查结论</source>
        <translation>Verdict on {dimension}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="123"/>
        <source>核查依据：看到了什么、问了谁</source>
        <translation>Evidence: what was seen, who was asked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="188"/>
        <source>上次核查：{date}{who}。以下按上次结果预填，请逐项核对。</source>
        <translation>Last check: {date}{who}. Filled in from it: please check every item.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="193"/>
        <source>该户还没有核查记录。</source>
        <translation>This household has not been checked yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/form.py" line="207"/>
        <source>请至少填写一个维度的核查结论或一个“是/否”问题</source>
        <translation>Answer at least one dimension or one yes/no question</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="34"/>
        <source>不愁吃</source>
        <comment>a column of the checklist matrix: one short word</comment>
        <translation>Food</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="35"/>
        <source>不愁穿</source>
        <comment>a column of the checklist matrix: one short word</comment>
        <translation>Clothing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="36"/>
        <source>义务教育</source>
        <comment>a column of the checklist matrix: one short word</comment>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="37"/>
        <source>基本医疗</source>
        <comment>a column of the checklist matrix: one short word</comment>
        <translation>Medical</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="38"/>
        <source>住房安全</source>
        <comment>a column of the checklist matrix: one short word</comment>
        <translation>Housing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="39"/>
        <source>饮水安全</source>
        <comment>a column of the checklist matrix: one short word</comment>
        <translation>Water</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="221"/>
        <location filename="../../desktop/ui/diary/page.py" line="91"/>
        <location filename="../../desktop/ui/diary/page.py" line="106"/>
        <location filename="../../desktop/ui/diary/page.py" line="118"/>
        <location filename="../../desktop/ui/households/new_household.py" line="50"/>
        <location filename="../../desktop/ui/households/table_model.py" line="49"/>
        <location filename="../../desktop/ui/overview/page.py" line="36"/>
        <location filename="../../desktop/ui/shell/main_window.py" line="341"/>
        <location filename="../../desktop/domain/fields.py" line="12"/>
        <source>村</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['village'] (a kind of record)</extracomment>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="222"/>
        <location filename="../../desktop/ui/households/new_household.py" line="51"/>
        <location filename="../../desktop/ui/households/table_model.py" line="42"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="64"/>
        <location filename="../../desktop/ui/overview/page.py" line="32"/>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="24"/>
        <location filename="../../desktop/ui/visits/page.py" line="100"/>
        <location filename="../../desktop/domain/fields.py" line="34"/>
        <source>户编号</source>
        <extracomment>desktop/domain/fields.py: household.number</extracomment>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="222"/>
        <location filename="../../desktop/ui/households/table_model.py" line="43"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="65"/>
        <location filename="../../desktop/ui/overview/page.py" line="33"/>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="25"/>
        <location filename="../../desktop/ui/visits/page.py" line="94"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/matrix_model.py" line="226"/>
        <source>未达标 {not_met} 户，待核实 {unknown} 户</source>
        <translation>Not met: {not_met} households; to verify: {unknown}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="68"/>
        <location filename="../../desktop/ui/shell/registry.py" line="22"/>
        <location filename="../../desktop/domain/fields.py" line="12"/>
        <source>核查</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['assessment'] (a kind of record)</extracomment>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="76"/>
        <source>只看有短板或待核实的户</source>
        <translation>Only gaps and to verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="89"/>
        <source>按这一天判断年龄、适龄入学和各项结论（默认今天）</source>
        <translation>Judge ages, school age and every verdict as of this day (default: today)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="105"/>
        <location filename="../../desktop/ui/checks/page.py" line="182"/>
        <source>全村核查总览（双击格子打开农户）</source>
        <translation>Village checklist (double-click a cell to open the household)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="108"/>
        <source>判断日期</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="114"/>
        <source>把有短板或待核实的农户导出为 Excel 表格（按判断日期）</source>
        <translation>Export the households with a gap or an unknown to an Excel sheet (judged on the date above)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="160"/>
        <source>两不愁三保障短板-{day}.xlsx</source>
        <translation>gaps-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="162"/>
        <source>导出短板</source>
        <translation>Export gaps</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="182"/>
        <source>各村核查总览（双击格子打开农户）</source>
        <translation>Checks of all villages (double-click a cell to open the household)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="185"/>
        <source>{shown} / {total} 户</source>
        <translation>{shown} / {total} households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="206"/>
        <source>请先选择农户：在左侧总览中点选，或输入姓名、拼音首字母或户编号</source>
        <translation>Choose a household first: click it in the overview, or type a name, pinyin initials or household no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="225"/>
        <source>核查 {household}</source>
        <translation>Check {household}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="287"/>
        <source>{dimension} {n} 户</source>
        <translation>{dimension} {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="292"/>
        <location filename="../../desktop/ui/diary/page.py" line="827"/>
        <location filename="../../desktop/ui/diary/page.py" line="953"/>
        <location filename="../../desktop/ui/overview/page.py" line="292"/>
        <source>、</source>
        <comment>between the items of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="293"/>
        <source>{status}：{items}</source>
        <translation>{status}: {items}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="294"/>
        <source>；</source>
        <comment>between the parts of a sentence</comment>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/checks/page.py" line="295"/>
        <source>所列农户各维度均已达标</source>
        <translation>Every household listed meets every dimension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/household.py" line="16"/>
        <location filename="../../desktop/ui/diary/page.py" line="90"/>
        <location filename="../../desktop/ui/diary/page.py" line="596"/>
        <location filename="../../desktop/ui/households/window.py" line="147"/>
        <location filename="../../desktop/ui/households/window.py" line="187"/>
        <location filename="../../desktop/ui/visits/page.py" line="93"/>
        <location filename="../../desktop/domain/fields.py" line="167"/>
        <source>日期</source>
        <extracomment>desktop/domain/fields.py: work_log.day</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/household.py" line="17"/>
        <location filename="../../desktop/ui/diary/page.py" line="92"/>
        <location filename="../../desktop/domain/fields.py" line="168"/>
        <source>记录人</source>
        <extracomment>desktop/domain/fields.py: work_log.author</extracomment>
        <translation>Written by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/household.py" line="18"/>
        <location filename="../../desktop/ui/diary/page.py" line="93"/>
        <location filename="../../desktop/ui/diary/page.py" line="100"/>
        <location filename="../../desktop/ui/diary/page.py" line="597"/>
        <location filename="../../desktop/ui/diary/page.py" line="664"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="66"/>
        <location filename="../../desktop/domain/fields.py" line="169"/>
        <source>类别</source>
        <extracomment>desktop/domain/fields.py: work_log.kind</extracomment>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/household.py" line="19"/>
        <location filename="../../desktop/ui/diary/page.py" line="95"/>
        <source>工作内容</source>
        <translation>Work done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="94"/>
        <location filename="../../desktop/ui/diary/page.py" line="598"/>
        <location filename="../../desktop/domain/fields.py" line="173"/>
        <source>地点</source>
        <extracomment>desktop/domain/fields.py: work_log.place</extracomment>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="96"/>
        <location filename="../../desktop/ui/diary/page.py" line="600"/>
        <location filename="../../desktop/domain/fields.py" line="174"/>
        <source>涉及农户</source>
        <extracomment>desktop/domain/fields.py: work_log.household_ids</extracomment>
        <translation>Households concerned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="97"/>
        <location filename="../../desktop/ui/diary/page.py" line="604"/>
        <location filename="../../desktop/ui/households/window.py" line="184"/>
        <location filename="../../desktop/ui/photos/page.py" line="54"/>
        <location filename="../../desktop/ui/shell/registry.py" line="24"/>
        <location filename="../../desktop/ui/visits/page.py" line="383"/>
        <location filename="../../desktop/domain/fields.py" line="14"/>
        <source>照片</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['photo'] (a kind of record)</extracomment>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="101"/>
        <location filename="../../desktop/ui/diary/page.py" line="665"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="102"/>
        <location filename="../../desktop/ui/diary/page.py" line="666"/>
        <location filename="../../desktop/ui/diary/page.py" line="751"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="103"/>
        <location filename="../../desktop/ui/diary/page.py" line="667"/>
        <location filename="../../desktop/domain/fields.py" line="176"/>
        <source>批准人</source>
        <extracomment>desktop/domain/fields.py: work_log.approver</extracomment>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="107"/>
        <location filename="../../desktop/ui/diary/page.py" line="119"/>
        <location filename="../../desktop/ui/households/event_form.py" line="162"/>
        <location filename="../../desktop/ui/households/member_grid.py" line="384"/>
        <location filename="../../desktop/domain/fields.py" line="87"/>
        <source>姓名</source>
        <extracomment>desktop/domain/fields.py: member.name</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="108"/>
        <location filename="../../desktop/ui/diary/page.py" line="121"/>
        <location filename="../../desktop/domain/fields.py" line="170"/>
        <source>在村</source>
        <extracomment>desktop/domain/fields.py: work_log.in_village</extracomment>
        <translation>In village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="109"/>
        <source>请假和外出</source>
        <translation>Leave and time away</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="110"/>
        <source>不在村</source>
        <translation>Away</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="111"/>
        <location filename="../../desktop/ui/diary/page.py" line="122"/>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="112"/>
        <location filename="../../desktop/ui/diary/page.py" line="123"/>
        <source>所需</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="113"/>
        <location filename="../../desktop/ui/diary/page.py" line="124"/>
        <source>差额</source>
        <translation>Short by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="114"/>
        <location filename="../../desktop/ui/diary/page.py" line="125"/>
        <source>无日志的周</source>
        <translation>Weeks without diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="120"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="126"/>
        <source>缺口</source>
        <translation>Gap</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="133"/>
        <location filename="../../desktop/ui/shell/registry.py" line="21"/>
        <source>日志</source>
        <translation>Diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="162"/>
        <source>本月考勤</source>
        <translation>This month's attendance</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="207"/>
        <source>共 {n} 条</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="232"/>
        <source>正在读取 {n} 张日志照片…</source>
        <translation>Reading {n} diary photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="257"/>
        <source>写 {day} 的日志</source>
        <translation>Write the diary entry of {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="257"/>
        <location filename="../../desktop/ui/diary/page.py" line="903"/>
        <source>修改 {day} 的日志</source>
        <translation>Correcting the entry of {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="262"/>
        <source>已保存 {day} 的日志</source>
        <translation>Saved the diary of {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="262"/>
        <source>已修改 {day} 的日志（修改记录保留）</source>
        <translation>Corrected the diary of {day} (the history is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="265"/>
        <source>，照片 {n} 张</source>
        <translation>, {n} photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="306"/>
        <source>上次有一条没有保存的日志（{day}，{person}），要恢复到日志表单吗？</source>
        <translation>A diary entry was left unsaved last time ({day}, {person}). Put it back in the diary form?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="356"/>
        <source>{day} 的日志照片</source>
        <translation>Diary photo of {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="360"/>
        <source>{day} 日志照片.jpg</source>
        <translation>diary photo {day}.jpg</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="368"/>
        <source>选择日志照片</source>
        <translation>Choose diary photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="370"/>
        <location filename="../../desktop/ui/photos/page.py" line="240"/>
        <location filename="../../desktop/ui/visits/page.py" line="504"/>
        <source>照片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG);;所有文件 (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="379"/>
        <source>{day} 已经记为在村</source>
        <translation>{day} is already marked in the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="383"/>
        <source>记 {day} 在村</source>
        <translation>Mark {day} in the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="388"/>
        <source>已记 {day} 在村</source>
        <translation>Marked {day} in the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="397"/>
        <source>取消 {day} 在村</source>
        <translation>Take back {day} in the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="402"/>
        <source>已取消 {day} 在村（修改记录保留）</source>
        <translation>Took back {day} in the village (the history is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="415"/>
        <source>修改请假：{kind} {start}</source>
        <translation>Correct leave: {kind} {start}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="421"/>
        <source>已修改请假：{kind} {start} 至 {end}（修改记录保留）</source>
        <translation>Corrected leave: {kind} {start} to {end} (the history is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="435"/>
        <source>请假：{kind} {start}</source>
        <translation>Leave: {kind} {start}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="439"/>
        <source>已记录{kind} {start} 至 {end}</source>
        <translation>Recorded {kind} from {start} to {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="457"/>
        <source>修改请假：{kind} {start} 至 {end}</source>
        <translation>Correcting leave: {kind} {start} to {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="461"/>
        <location filename="../../desktop/ui/photos/details.py" line="59"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="470"/>
        <location filename="../../desktop/ui/diary/page.py" line="637"/>
        <source>记录请假</source>
        <translation>Record leave</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="480"/>
        <source>{kind} {start} 至 {end}</source>
        <translation>{kind} {start} to {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="485"/>
        <source>删除请假：{what}</source>
        <translation>Remove leave: {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="492"/>
        <source>已删除请假：{what}（Ctrl+Z 撤销）</source>
        <translation>Removed leave: {what} (Ctrl+Z undoes)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="503"/>
        <source>已为 {n} 个村设定 {year} 年每月所需在村天数 {days} 天</source>
        <translation>Set {days} days a month in the village for {year} in {n} villages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="514"/>
        <source>在岗日历</source>
        <translation>Presence calendar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="524"/>
        <source>绿：在村　橙：请假　蓝：外出开会　灰：不在村</source>
        <translation>Green: in village  Orange: leave  Blue: meeting away  Grey: away</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="532"/>
        <source>队员</source>
        <translation>Team member</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="541"/>
        <source>写日志</source>
        <translation>Write the diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="553"/>
        <source>村民小组，或 乡里开会 等；不填即在村里</source>
        <translation>Village group, or e.g. 乡里开会; blank means in the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="556"/>
        <source>这一天做了什么（回车保存）</source>
        <translation>What was done this day (Enter saves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="559"/>
        <source>涉及的农户：户编号，逗号分隔</source>
        <translation>Households concerned: household numbers, comma separated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="565"/>
        <source>把照片文件拖到这里，保存日志时一起保存；选中后按 Delete 移除</source>
        <translation>Drag photo files here: they are saved with the diary; select one and press Delete to remove it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="566"/>
        <location filename="../../desktop/ui/visits/page.py" line="346"/>
        <source>选择照片…</source>
        <translation>Choose photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="581"/>
        <source>保存日志</source>
        <translation>Save diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="584"/>
        <source>记为在村</source>
        <translation>Mark in village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="587"/>
        <source>取消在村</source>
        <translation>Not in village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="589"/>
        <source>取消这一天的在村记录（修改记录保留，Ctrl+Z 撤销）</source>
        <translation>Take back this day's in-village mark (the history is kept; Ctrl+Z undoes)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="599"/>
        <location filename="../../desktop/ui/households/window.py" line="150"/>
        <location filename="../../desktop/domain/fields.py" line="172"/>
        <source>内容</source>
        <extracomment>desktop/domain/fields.py: work_log.content</extracomment>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="619"/>
        <source>请假和外出开会</source>
        <translation>Leave and meetings away</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="635"/>
        <source>批准人（回车保存）</source>
        <translation>Approved by (Enter saves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="640"/>
        <source>取消修改</source>
        <translation>Cancel correction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="654"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="149"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="657"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="659"/>
        <source>删除记错的请假（变更日志保留，Ctrl+Z 撤销）</source>
        <translation>Remove a leave entered by mistake (the change log keeps it; Ctrl+Z undoes)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="673"/>
        <source>本月请假（选中一条可修改或删除）</source>
        <translation>Leave this month (select one to correct or remove)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="685"/>
        <source>所需在村天数</source>
        <translation>Required days in the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="698"/>
        <source>依据：文件名称和年份（必填，回车保存）</source>
        <translation>Source: document name and year (required, Enter saves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="701"/>
        <source>政策标准：每月所需在村天数。没有附带的数字：按本省、本县的驻村干部管理文件设定，随同步包发到各村。</source>
        <translation>Policy figure: days a month in the village. No figure ships: set it from the province's or county's rules for resident cadres; it reaches every village with the sync bundle.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="711"/>
        <location filename="../../desktop/ui/households/window.py" line="103"/>
        <location filename="../../desktop/ui/settings/policy_box.py" line="43"/>
        <location filename="../../desktop/ui/settings/policy_box.py" line="86"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="712"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="713"/>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="720"/>
        <source>搜索日志：内容、地点、类别或记录人</source>
        <translation>Search the diary: content, place, kind or writer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="749"/>
        <source>逐月缺口，从</source>
        <translation>Gaps month by month, from</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="803"/>
        <source>没有缺口</source>
        <translation>No gaps</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="803"/>
        <source>{n} 个人月有缺口</source>
        <translation>{n} person-months with a gap</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="819"/>
        <source>本月没有考勤记录</source>
        <translation>No attendance recorded this month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="828"/>
        <source>{kind} {days} 天</source>
        <translation>{kind} {days} days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="830"/>
        <source>无请假</source>
        <translation>no leave</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="831"/>
        <source>{year} 年 {month} 月：在村 {present} 天，{leave}，不在村 {away} 天，在岗 {duty} 天。</source>
        <translation>{year}-{month}: {present} days in the village, {leave}, {away} days away, {duty} days on duty. </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="837"/>
        <source>所需在村天数尚未设置（由乡镇在 日志 页按本省文件设定）</source>
        <translation>Required days in the village not set yet (the township sets them on the Diary page from the province’s rules)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="839"/>
        <source>所需 {required} 天，差 {gap} 天</source>
        <translation>{required} days required, {gap} short</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="841"/>
        <source>所需 {required} 天，已达到</source>
        <translation>{required} days required, met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="863"/>
        <location filename="../../desktop/ui/diary/page.py" line="892"/>
        <source>新日志：{day}</source>
        <translation>New entry: {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="866"/>
        <source>{day} 的日志有改动还没有保存，换到另一天之前要保存吗？</source>
        <translation>The diary entry for {day} has unsaved changes. Save it before going to another day?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="905"/>
        <source>（照片 {n} 张，双击查看）</source>
        <translation> ({n} photos; double-click to view)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="921"/>
        <source>村里</source>
        <translation>In the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="940"/>
        <source>低于所需天数</source>
        <translation>Below the required days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="942"/>
        <source>有周无日志</source>
        <translation>A week without diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="950"/>
        <location filename="../../desktop/ui/diary/page.py" line="966"/>
        <source>尚未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/diary/page.py" line="951"/>
        <location filename="../../desktop/ui/diary/page.py" line="967"/>
        <source>已达到</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="48"/>
        <source>出生（新增成员）</source>
        <translation>Birth (new member)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="48"/>
        <source>婚入（新增成员）</source>
        <translation>Marriage in (new member)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="49"/>
        <source>从村外迁入（新增成员）</source>
        <translation>Moved in from outside the village (new member)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="50"/>
        <source>死亡（减员）</source>
        <translation>Death (member leaves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="50"/>
        <source>婚出（减员）</source>
        <translation>Marriage out (member leaves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="50"/>
        <source>迁出村外（减员）</source>
        <translation>Moved out of the village (member leaves)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="52"/>
        <source>迁到本村另一户</source>
        <translation>Moved to another household of the village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="53"/>
        <source>分户</source>
        <translation>Household split</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="54"/>
        <source>合户（本户全部成员并入另一户）</source>
        <translation>Households merged (all members join another household)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="55"/>
        <source>易地搬迁</source>
        <translation>Relocation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="56"/>
        <source>注销农户（记录保留）</source>
        <translation>Close the household (the record is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="75"/>
        <source>登记家庭变动</source>
        <translation>Register a household change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="108"/>
        <source>变动类型</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="109"/>
        <source>变动日期</source>
        <translation>Date of the change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="161"/>
        <source>可以以后再填</source>
        <translation>can be filled in later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="163"/>
        <location filename="../../desktop/domain/fields.py" line="88"/>
        <source>性别</source>
        <extracomment>desktop/domain/fields.py: member.sex</extracomment>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="164"/>
        <location filename="../../desktop/ui/households/member_grid.py" line="389"/>
        <location filename="../../desktop/domain/fields.py" line="90"/>
        <source>与户主关系</source>
        <extracomment>desktop/domain/fields.py: member.relation</extracomment>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="165"/>
        <location filename="../../desktop/ui/households/member_grid.py" line="393"/>
        <location filename="../../desktop/domain/fields.py" line="89"/>
        <source>证件号码</source>
        <extracomment>desktop/domain/fields.py: member.id_number</extracomment>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="172"/>
        <location filename="../../desktop/ui/households/event_form.py" line="206"/>
        <location filename="../../desktop/ui/households/event_form.py" line="328"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="173"/>
        <source>新户主</source>
        <translation>New head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="176"/>
        <location filename="../../desktop/ui/households/event_form.py" line="190"/>
        <location filename="../../desktop/ui/households/member_grid.py" line="709"/>
        <location filename="../../desktop/ui/households/member_grid.py" line="710"/>
        <location filename="../../desktop/ui/households/window.py" line="189"/>
        <location filename="../../desktop/ui/households/window.py" line="403"/>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="191"/>
        <source>迁入户</source>
        <translation>Moving into household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="192"/>
        <source>在新户中与户主关系</source>
        <translation>Relation to the head in the new household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="209"/>
        <source>分出的成员</source>
        <translation>Members who split off</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="210"/>
        <source>新户户主</source>
        <translation>Head of the new household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="211"/>
        <source>新户户编号</source>
        <translation>Number of the new household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="219"/>
        <source>并入户</source>
        <translation>Merge into household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="230"/>
        <source>安置方式</source>
        <translation>Resettlement mode</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="231"/>
        <location filename="../../desktop/domain/fields.py" line="58"/>
        <source>安置点</source>
        <extracomment>desktop/domain/fields.py: household.relocation_site</extracomment>
        <translation>Resettlement site</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="239"/>
        <source>如 全户死亡、全户迁出</source>
        <translation>e.g. whole household deceased, whole household moved away</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="240"/>
        <location filename="../../desktop/domain/fields.py" line="82"/>
        <source>注销原因</source>
        <extracomment>desktop/domain/fields.py: household.archive_reason</extracomment>
        <translation>Reason closed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="287"/>
        <location filename="../../desktop/ui/households/window.py" line="281"/>
        <source>户 {number}</source>
        <translation>household {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="289"/>
        <source>（姓名未填）</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="290"/>
        <source>{day} {kind}：{name} 成为{household}的成员（{relation}）</source>
        <translation>{day} {kind}: {name} becomes a member of {household} ({relation})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="297"/>
        <source>这户没有可减员的成员。</source>
        <translation>This household has no member who could leave.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="298"/>
        <source>{day} {kind}：{name} 从{household}减员，记录保留。</source>
        <translation>{day} {kind}: {name} leaves {household}; the record is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="304"/>
        <source>新户主：{name}。</source>
        <translation>New head: {name}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="306"/>
        <source>请选择新户主。</source>
        <translation>Choose the new head.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="311"/>
        <source>（请选择迁入户）</source>
        <translation>(choose the household)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="312"/>
        <source>{day} {name} 从{household}迁到 {target}（{relation}），两户各记一条迁移。</source>
        <translation>{day} {name} moves from {household} to {target} ({relation}); both households record the move.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="321"/>
        <source>（请勾选分出的成员）</source>
        <translation>(tick the members who split off)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="323"/>
        <source>{day} 分户：{names} 从{household}分出，成为新户 {new}，户主 {head}。</source>
        <translation>{day} split: {names} leave {household} and form the new household {new}, head {head}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="327"/>
        <source>（户编号未填）</source>
        <translation>(number not filled in)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="334"/>
        <source>（请选择并入户）</source>
        <translation>(choose the household to merge into)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="336"/>
        <source>{day} 合户：{household}的 {n} 名成员并入 {target}，{household}注销（记录保留）。</source>
        <translation>{day} merge: the {n} members of {household} join {target}; {household} is closed (the record is kept).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="340"/>
        <source>{day} 易地搬迁：{household}{mode}到 {site}，住房安全按已搬迁判断。</source>
        <translation>{day} relocation: {household} resettled ({mode}) at {site}; housing safety is judged as relocated.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="343"/>
        <source>注销{household}：不再列出，记录保留；原因：{reason}</source>
        <translation>Close {household}: no longer listed, the record is kept; reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="344"/>
        <source>（请写明原因）</source>
        <translation>(write the reason)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="370"/>
        <source>这户没有可减员的成员</source>
        <translation>This household has no member who could leave</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="379"/>
        <source>户主不能单独迁走：整户变动请用分户或合户</source>
        <translation>The head cannot move alone: for the whole household use split or merge</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="381"/>
        <source>请从列表中选择迁入户</source>
        <translation>Choose from the list the household the member moves into</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="384"/>
        <source>请填写在新户中与户主关系</source>
        <translation>Fill in the relation to the head in the new household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="392"/>
        <source>请勾选分出的成员</source>
        <translation>Tick the members who split off</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="394"/>
        <source>请选择新户户主</source>
        <translation>Choose the head of the new household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="396"/>
        <source>请填写新户的户编号</source>
        <translation>Fill in the number of the new household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="409"/>
        <source>请从列表中选择并入户</source>
        <translation>Choose from the list the household to merge into</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/event_form.py" line="434"/>
        <source>登记{kind}</source>
        <translation>Register {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="23"/>
        <location filename="../../desktop/domain/fields.py" line="132"/>
        <source>工资性收入</source>
        <extracomment>desktop/domain/fields.py: income.wage</extracomment>
        <translation>Wages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="24"/>
        <location filename="../../desktop/domain/fields.py" line="133"/>
        <source>生产经营性收入</source>
        <extracomment>desktop/domain/fields.py: income.business</extracomment>
        <translation>Farming and business income</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="25"/>
        <source>财产性收入（含分红）</source>
        <translation>Property income (incl. dividends)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="26"/>
        <source>转移性收入合计</source>
        <translation>Transfers, total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="27"/>
        <source>　其中：计划生育金</source>
        <translation>  of which: family planning allowance</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="28"/>
        <source>　　　　低保金</source>
        <translation>    minimum living allowance</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="29"/>
        <source>　　　　特困供养金</source>
        <translation>    extreme poverty support</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="30"/>
        <source>　　　　养老金</source>
        <translation>    pension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="31"/>
        <source>　　　　生态补偿金</source>
        <translation>    ecological compensation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="32"/>
        <source>　　　　其他</source>
        <translation>    other</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/form_parts.py" line="33"/>
        <location filename="../../desktop/domain/fields.py" line="142"/>
        <source>生产经营性支出</source>
        <extracomment>desktop/domain/fields.py: income.business_costs</extracomment>
        <translation>Farming and business costs</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="42"/>
        <source>记录/修改某年收入</source>
        <translation>Record or change a year's income</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="49"/>
        <source> 年</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="54"/>
        <location filename="../../desktop/ui/printing/options.py" line="61"/>
        <location filename="../../desktop/domain/fields.py" line="131"/>
        <source>收入年度</source>
        <extracomment>desktop/domain/fields.py: income.year</extracomment>
        <translation>Income year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="59"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="63"/>
        <source>不填时按下列各项相加</source>
        <translation>When empty: the sum of the items below</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="84"/>
        <source>修改已记录的 {year} 年收入</source>
        <translation>Changing the income recorded for {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="84"/>
        <source>{year} 年还没有收入记录</source>
        <translation>No income recorded for {year} yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="97"/>
        <source>填写收入后，这里显示人均纯收入与当年贫困线的对比</source>
        <translation>Enter the income to compare income per person with the year’s poverty line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="107"/>
        <source>家庭纯收入 {net} 元</source>
        <translation>Household net income {net} yuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="109"/>
        <source>户内没有在册人员，无法计算人均</source>
        <translation>No registered members: no per-person figure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="112"/>
        <source>人均纯收入 {per} 元（{n} 人）</source>
        <translation>Per person {per} yuan ({n} people)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="116"/>
        <source>当年贫困线 {line} 元</source>
        <translation>Poverty line that year {line} yuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="119"/>
        <source>监测标准 {line} 元</source>
        <translation>Monitoring line {line} yuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="121"/>
        <source>低于贫困线</source>
        <translation>below the poverty line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/income_form.py" line="139"/>
        <source>记录 {year} 年收入</source>
        <translation>Record income for {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="46"/>
        <location filename="../../desktop/ui/households/measure_form.py" line="119"/>
        <source>修改帮扶措施</source>
        <translation>Edit assistance measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="46"/>
        <location filename="../../desktop/ui/households/measure_form.py" line="107"/>
        <source>添加帮扶措施</source>
        <translation>Add assistance measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="56"/>
        <location filename="../../desktop/ui/households/window.py" line="115"/>
        <location filename="../../desktop/domain/fields.py" line="146"/>
        <source>措施类别</source>
        <extracomment>desktop/domain/fields.py: measure.group_name</extracomment>
        <translation>Kind of measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="58"/>
        <location filename="../../desktop/domain/fields.py" line="147"/>
        <source>帮扶项目</source>
        <extracomment>desktop/domain/fields.py: measure.project</extracomment>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="58"/>
        <source>如 牦牛养殖</source>
        <translation>e.g. yak farming</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="59"/>
        <location filename="../../desktop/domain/fields.py" line="148"/>
        <source>规模</source>
        <extracomment>desktop/domain/fields.py: measure.scale</extracomment>
        <translation>Scale</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="59"/>
        <source>如 5 头</source>
        <translation>e.g. 5 head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="60"/>
        <location filename="../../desktop/ui/households/window.py" line="119"/>
        <location filename="../../desktop/domain/fields.py" line="149"/>
        <source>实施单位</source>
        <extracomment>desktop/domain/fields.py: measure.unit</extracomment>
        <translation>Carried out by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="61"/>
        <location filename="../../desktop/ui/households/window.py" line="118"/>
        <source>资金（元）</source>
        <translation>Funds (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="62"/>
        <location filename="../../desktop/ui/households/measure_form.py" line="91"/>
        <location filename="../../desktop/domain/fields.py" line="151"/>
        <source>开始日期</source>
        <extracomment>desktop/domain/fields.py: measure.start_on</extracomment>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="62"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="93"/>
        <source>如 2026-05-01</source>
        <translation>e.g. 2026-05-01</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="63"/>
        <location filename="../../desktop/ui/households/measure_form.py" line="91"/>
        <location filename="../../desktop/domain/fields.py" line="152"/>
        <source>完成期限</source>
        <extracomment>desktop/domain/fields.py: measure.deadline</extracomment>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="63"/>
        <source>如 2026-12-31</source>
        <translation>e.g. 2026-12-31</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="64"/>
        <source>预计增收（元）</source>
        <translation>Expected extra income (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="65"/>
        <location filename="../../desktop/domain/fields.py" line="154"/>
        <source>帮扶成效</source>
        <extracomment>desktop/domain/fields.py: measure.result</extracomment>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/measure_form.py" line="72"/>
        <source>户主已签字确认成效</source>
        <translation>The head has signed off the result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="88"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="168"/>
        <location filename="../../desktop/ui/households/window.py" line="298"/>
        <source>勾选“显示证件号码和电话”后可查看和修改</source>
        <translation>Tick “Show ID and phone numbers” to see and change it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="181"/>
        <source>修改成员{field}</source>
        <translation>Change member's {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="378"/>
        <source>Tab、回车移到下一格；Ctrl+C 复制、Ctrl+V 从 Excel 粘贴、Ctrl+D 向下填充，Ctrl+Z 整步撤销</source>
        <translation>Tab and Enter move to the next cell; Ctrl+C copies, Ctrl+V pastes from Excel, Ctrl+D fills down, Ctrl+Z undoes a whole step</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="394"/>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="445"/>
        <source>{field}不能直接修改</source>
        <translation>{field} cannot be changed directly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="449"/>
        <source>勾选“显示证件号码和电话”后才能修改{field}</source>
        <translation>Tick “Show ID and phone numbers” to change {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="608"/>
        <source>这一户还没有成员，没有粘贴：请先用“添加成员”加入，再粘贴</source>
        <translation>This household has no members yet; nothing was pasted: add members with “Add member” first, then paste</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="630"/>
        <source>粘贴的内容比成员多 {n} 行，多出的行没有粘贴：新成员请先用“添加成员”加入，再粘贴</source>
        <translation>The pasted text has {n} more rows than there are members; the extra rows were not pasted: add new members with “Add member” first, then paste</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="635"/>
        <source>粘贴的内容超出最后一列 {n} 列，超出的没有粘贴</source>
        <translation>The pasted text goes {n} columns past the last column; those were not pasted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="636"/>
        <source>粘贴到家庭成员（{n} 格）</source>
        <translation>Paste into members ({n} cells)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="660"/>
        <source>向下填充家庭成员（{n} 格）</source>
        <translation>Fill down members ({n} cells)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="667"/>
        <source>清空家庭成员（{n} 格）</source>
        <translation>Clear member cells ({n} cells)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="678"/>
        <source>新成员需要姓名</source>
        <translation>A new member needs a name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="684"/>
        <location filename="../../desktop/ui/households/member_grid.py" line="696"/>
        <source>新成员没有添加：{reason}</source>
        <translation>The new member was not added: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="725"/>
        <source>未保存（改正后重新输入，或按 Esc 放弃）：</source>
        <translation>Not saved (type a correction, or press Esc to drop it): </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/member_grid.py" line="727"/>
        <source>；另有 {n} 格</source>
        <translation>; {n} more cells</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="26"/>
        <source>新增农户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="34"/>
        <source>18 位身份证号码</source>
        <translation>18-digit ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="45"/>
        <source>（请选择村）</source>
        <translation>(choose the village)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="52"/>
        <source>户主姓名</source>
        <translation>Name of the head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="53"/>
        <source>户主证件号码</source>
        <translation>ID number of the head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="54"/>
        <location filename="../../desktop/ui/households/table_model.py" line="44"/>
        <location filename="../../desktop/domain/fields.py" line="28"/>
        <location filename="../../desktop/domain/fields.py" line="35"/>
        <source>村民小组</source>
        <extracomment>desktop/domain/fields.py: village.groups, household.group_name</extracomment>
        <translation>Village group</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="55"/>
        <location filename="../../desktop/domain/fields.py" line="41"/>
        <source>贫困户属性</source>
        <extracomment>desktop/domain/fields.py: household.category</extracomment>
        <translation>Poverty category</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/new_household.py" line="68"/>
        <source>请选择农户所属的村</source>
        <translation>Choose the village the household belongs to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="57"/>
        <source>搜索姓名、拼音、户编号、身份证号或电话</source>
        <translation>Search name, pinyin, household no., ID number or phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="69"/>
        <location filename="../../desktop/ui/households/page.py" line="321"/>
        <location filename="../../desktop/ui/shell/registry.py" line="19"/>
        <location filename="../../desktop/ui/shell/self_check.py" line="85"/>
        <location filename="../../desktop/domain/fields.py" line="12"/>
        <source>农户</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['household'] (a kind of record)</extracomment>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="93"/>
        <location filename="../../desktop/ui/households/page.py" line="409"/>
        <source>全部小组</source>
        <translation>All groups</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="94"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="95"/>
        <source>全部核查情况</source>
        <translation>All check results</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="96"/>
        <location filename="../../desktop/ui/overview/page.py" line="65"/>
        <source>有短板或待核实</source>
        <translation>Gaps or to verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="99"/>
        <source>{dimension}未达标或待核实</source>
        <translation>{dimension}: not met or to verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="101"/>
        <source>全部监测状态</source>
        <translation>All monitoring states</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="104"/>
        <source> 天未走访</source>
        <translation> days not visited</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="105"/>
        <source>不限走访</source>
        <translation>Any last visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="106"/>
        <source>显示电话</source>
        <translation>Show phones</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="112"/>
        <source>新增农户…</source>
        <translation>New household…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="115"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="119"/>
        <source>把下面的列表（按现在的搜索和筛选）导出为 Excel 表格</source>
        <translation>Export the list below (as searched and filtered now) to an Excel sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="122"/>
        <source>设村民小组…</source>
        <translation>Set village group…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="124"/>
        <source>把选中的农户（按住 Ctrl 或 Shift 多选）放进一个村民小组，可撤销</source>
        <translation>Put the selected households (Ctrl or Shift to select several) into one village group; undoable</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="126"/>
        <source>打印所选</source>
        <translation>Print selected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="129"/>
        <source>选中农户的一户一档…</source>
        <translation>Household files of the selected households…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="131"/>
        <source>选中农户的明白卡…</source>
        <translation>Cards of the selected households…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="238"/>
        <location filename="../../desktop/ui/households/page.py" line="269"/>
        <source>请先在列表中选择农户（按住 Ctrl 或 Shift 可以多选）</source>
        <translation>Select households in the list first (Ctrl or Shift to select several)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="244"/>
        <source>设村民小组</source>
        <translation>Set village group</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="245"/>
        <source>把选中的 {n} 户放进村民小组：</source>
        <translation>Put the {n} selected households into the village group:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="259"/>
        <source>{n} 户设为{group}</source>
        <translation>{n} households set to {group}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="271"/>
        <location filename="../../desktop/ui/printing/request.py" line="37"/>
        <source>明白卡</source>
        <translation>Household info cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="271"/>
        <source>一户一档</source>
        <translation>Household file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="273"/>
        <source>{what}-选中{n}户.pdf</source>
        <translation>{what}-{n}-selected.pdf</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="275"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="275"/>
        <source>打印{what}</source>
        <translation>Print {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="292"/>
        <source>已生成 {path}（{n} 户，{pages} 页）</source>
        <translation>Made {path} ({n} households, {pages} pages)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="297"/>
        <source>正在生成{what}…</source>
        <translation>Making {what}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="322"/>
        <source>农户列表-{day}.xlsx</source>
        <translation>households-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="326"/>
        <source>导出农户列表</source>
        <translation>Export household list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="364"/>
        <location filename="../../desktop/ui/households/page.py" line="368"/>
        <source>共 {n} 户</source>
        <translation>{n} households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/page.py" line="366"/>
        <source>超过 {n} 户</source>
        <translation>more than {n} households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="53"/>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="121"/>
        <source>更换帮扶责任人</source>
        <translation>Change helper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="53"/>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="137"/>
        <source>添加帮扶责任人</source>
        <translation>Add helper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="61"/>
        <source>{name}（自 {start} 起）</source>
        <translation>{name} (since {start})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="67"/>
        <source>原帮扶责任人</source>
        <translation>Current helper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="83"/>
        <source>新帮扶责任人</source>
        <translation>New helper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="83"/>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="156"/>
        <location filename="../../desktop/ui/households/window.py" line="126"/>
        <location filename="../../desktop/ui/households/window.py" line="141"/>
        <location filename="../../desktop/domain/fields.py" line="13"/>
        <source>帮扶责任人</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['pairing'] (a kind of record)</extracomment>
        <translation>Assigned helper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="84"/>
        <location filename="../../desktop/domain/fields.py" line="159"/>
        <source>工作单位</source>
        <extracomment>desktop/domain/fields.py: pairing.work_unit</extracomment>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="85"/>
        <location filename="../../desktop/domain/fields.py" line="160"/>
        <source>单位级别</source>
        <extracomment>desktop/domain/fields.py: pairing.unit_level</extracomment>
        <translation>Level of the unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="86"/>
        <location filename="../../desktop/domain/fields.py" line="161"/>
        <source>职务</source>
        <extracomment>desktop/domain/fields.py: pairing.post</extracomment>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="87"/>
        <location filename="../../desktop/ui/households/table_model.py" line="48"/>
        <location filename="../../desktop/domain/fields.py" line="38"/>
        <location filename="../../desktop/domain/fields.py" line="110"/>
        <location filename="../../desktop/domain/fields.py" line="162"/>
        <source>联系电话</source>
        <extracomment>desktop/domain/fields.py: household.phone, member.phone, pairing.phone</extracomment>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="88"/>
        <source>更换日期</source>
        <translation>Date of change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="88"/>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="98"/>
        <source>开始帮扶日期</source>
        <translation>Assistance starts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="152"/>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="171"/>
        <location filename="../../desktop/ui/households/record_forms.py" line="85"/>
        <source>结束帮扶</source>
        <translation>End assistance</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="159"/>
        <location filename="../../desktop/ui/households/pairing_forms.py" line="164"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="63"/>
        <source>记录/修改某年收入…</source>
        <translation>Record or change a year's income…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="72"/>
        <source>添加措施…</source>
        <translation>Add measure…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="73"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="74"/>
        <source>撤销</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="81"/>
        <source>添加帮扶责任人…</source>
        <translation>Add helper…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="83"/>
        <source>更换帮扶责任人…</source>
        <translation>Change helper…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="108"/>
        <source>撤销帮扶措施“{project}”？它不再列出，记录保留在变更日志中。</source>
        <translation>Withdraw the measure “{project}”? It is no longer listed; the record stays in the change log.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="114"/>
        <source>撤销帮扶措施</source>
        <translation>Withdraw measure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="122"/>
        <source>这户目前没有帮扶责任人：请用“添加帮扶责任人…”。</source>
        <translation>This household has no helper now: use “Add helper…”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="136"/>
        <source>{name} 的帮扶已经结束。</source>
        <translation>{name}'s assistance has already ended.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="147"/>
        <source>请先在帮扶措施表中选中一条措施。</source>
        <translation>Select a measure in the table of measures first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/record_forms.py" line="159"/>
        <source>请先在帮扶责任人表中选中一位。</source>
        <translation>Select a helper in the table of helpers first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/table_model.py" line="45"/>
        <source>户类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/table_model.py" line="46"/>
        <location filename="../../desktop/domain/fields.py" line="42"/>
        <source>脱贫属性</source>
        <extracomment>desktop/domain/fields.py: household.poverty_status</extracomment>
        <translation>Poverty status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/table_model.py" line="47"/>
        <location filename="../../desktop/ui/villages/page.py" line="46"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="55"/>
        <source>基本情况</source>
        <translation>Basic facts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="57"/>
        <source>识别与脱贫</source>
        <translation>Identification and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="59"/>
        <source>住房</source>
        <translation>Housing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="62"/>
        <source>饮水</source>
        <translation>Drinking water</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="64"/>
        <source>生产生活条件</source>
        <translation>Living conditions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="65"/>
        <source>土地</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="104"/>
        <source>家庭纯收入（元）</source>
        <translation>Household net income (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="105"/>
        <source>人均纯收入（元）</source>
        <translation>Net income per person (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="106"/>
        <source>当年贫困线（元）</source>
        <translation>Poverty line that year (yuan)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="107"/>
        <location filename="../../desktop/ui/households/window.py" line="191"/>
        <location filename="../../desktop/ui/sync/tables.py" line="37"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="204"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="409"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="419"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="116"/>
        <location filename="../../desktop/ui/sync/tables.py" line="47"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="69"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="117"/>
        <location filename="../../desktop/ui/households/window.py" line="129"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="120"/>
        <source>成效</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="127"/>
        <source>单位</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="128"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="130"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="136"/>
        <location filename="../../desktop/ui/households/window.py" line="177"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="123"/>
        <location filename="../../desktop/domain/fields.py" line="13"/>
        <source>帮扶措施</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['measure'] (a kind of record)</extracomment>
        <translation>Assistance measures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="148"/>
        <location filename="../../desktop/ui/visits/page.py" line="95"/>
        <location filename="../../desktop/ui/visits/page.py" line="369"/>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="149"/>
        <location filename="../../desktop/ui/visits/page.py" line="96"/>
        <location filename="../../desktop/ui/visits/page.py" line="376"/>
        <source>走访人</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="151"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="63"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="200"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="419"/>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="161"/>
        <source>记录一次走访…</source>
        <translation>Record a visit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="166"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="167"/>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="168"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="68"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="169"/>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="173"/>
        <source>基本信息</source>
        <translation>Basic facts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="174"/>
        <location filename="../../desktop/domain/fields.py" line="12"/>
        <source>家庭成员</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['member'] (a kind of record)</extracomment>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="175"/>
        <location filename="../../desktop/domain/fields.py" line="13"/>
        <source>收入</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['income'] (a kind of record)</extracomment>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="176"/>
        <source>两不愁三保障</source>
        <translation>Two Assurances and Three Guarantees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="181"/>
        <source>驻村日志中的记录</source>
        <translation>In the work diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="183"/>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="188"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="190"/>
        <source>相关户</source>
        <translation>Other household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="197"/>
        <source>家庭变动</source>
        <translation>Household changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="201"/>
        <source>字段修改</source>
        <translation>Field changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="203"/>
        <source>变更记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="210"/>
        <source>显示证件号码和电话</source>
        <translation>Show ID and phone numbers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="214"/>
        <source>登记家庭变动…</source>
        <translation>Register a household change…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="216"/>
        <source>出生、死亡、婚入婚出、迁入迁出、分户、合户、易地搬迁、注销</source>
        <translation>Birth, death, marriage in or out, moving in or out, split, merge, relocation, closing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="233"/>
        <source>&lt;b&gt;{head}&lt;/b&gt; 户　户编号 {number}　{village}　{n} 人</source>
        <translation>Household of &lt;b&gt;{head}&lt;/b&gt; · No. {number} · {village} · {n} people</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="237"/>
        <source>{head} 户 — 驻村台账</source>
        <translation>Household of {head} — Zhucun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="258"/>
        <source>{year} 年脱贫退出标准（{standard}）</source>
        <translation>{year} household exit standard ({standard})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="267"/>
        <source>脱贫退出标准（一超六有）</source>
        <translation>Household exit standard (一超六有)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="267"/>
        <source>尚未录入收入，无法对照退出标准</source>
        <translation>No income recorded yet: the exit standard cannot be checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="349"/>
        <source>以下字段的内容没有保存（原因写在字段下方）：{fields}。仍然关闭并放弃这些内容吗？</source>
        <translation>These fields hold text that was not saved (the reason is under each field): {fields}. Close anyway and drop it?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="392"/>
        <source>修改{field}</source>
        <translation>Change {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="402"/>
        <source>户</source>
        <comment>the household record, beside its members</comment>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/households/window.py" line="405"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="70"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="66"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="119"/>
        <source>监测类型</source>
        <translation>Monitoring type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="67"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="120"/>
        <source>风险类型</source>
        <translation>Risk types</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="68"/>
        <source>认定日期</source>
        <translation>Identified on</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="69"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="195"/>
        <location filename="../../desktop/ui/settings/page.py" line="58"/>
        <location filename="../../desktop/ui/villages/page.py" line="67"/>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="23"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="70"/>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="70"/>
        <source>{n} 条</source>
        <translation>{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="73"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="81"/>
        <location filename="../../desktop/ui/monitoring/page.py" line="409"/>
        <source>监测记录</source>
        <translation>Monitoring record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="87"/>
        <source>无劳动能力，兜底保障（继续监测）</source>
        <translation>Safety net (cannot work)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="94"/>
        <source>{step}日期，未办可不填</source>
        <translation>Date of {step}; leave empty if not done yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="99"/>
        <source>针对风险采取的帮扶措施</source>
        <translation>Assistance measures taken against the risk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="121"/>
        <source>线索来源</source>
        <translation>Lead from</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="126"/>
        <source>识别程序（从发现线索到县级审批不超过 15 天）</source>
        <translation>Identification steps (15 days at most)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="155"/>
        <source>提示：{n}</source>
        <translation>Note: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="177"/>
        <location filename="../../desktop/ui/shell/registry.py" line="23"/>
        <source>监测</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="191"/>
        <source>新增监测户…</source>
        <translation>Add to monitoring…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="199"/>
        <source>防返贫监测户（双击打开农户）</source>
        <translation>Monitored households (double-click to open)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="248"/>
        <source>{shown} 条　在监测 {monitored} 户</source>
        <translation>{shown} records, {monitored} households monitored</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="293"/>
        <source>确认 {who} 于 {on} 风险已消除、不再监测？</source>
        <translation>Confirm that the risk of {who} was eliminated on {on} and monitoring ends?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="298"/>
        <source>风险消除：{who}</source>
        <translation>Risk eliminated: {who}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="311"/>
        <location filename="../../desktop/ui/printing/options.py" line="87"/>
        <location filename="../../desktop/ui/printing/request.py" line="66"/>
        <location filename="../../desktop/ui/visits/page.py" line="165"/>
        <source>请先选择农户：输入姓名、拼音首字母或户编号，再从列表中选择</source>
        <translation>Choose a household first: type a name, pinyin initials or household no., then pick it from the list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="327"/>
        <source>纳入监测：{household}</source>
        <translation>Start monitoring: {household}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="343"/>
        <source>修改监测记录：{household}</source>
        <translation>Edit monitoring record: {household}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="373"/>
        <source>依据：收入稳定超过监测标准 6 个月以上，三保障和饮水安全…</source>
        <translation>Grounds: income steadily above the monitoring line for 6+ months, guarantees and safe water…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="374"/>
        <source>标记风险已消除</source>
        <translation>Mark risk eliminated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="383"/>
        <source>风险消除</source>
        <translation>Risk elimination</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="407"/>
        <source>纳入监测（Ctrl+Enter）</source>
        <translation>Start monitoring (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="407"/>
        <source>保存修改（Ctrl+Enter）</source>
        <translation>Save changes (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="409"/>
        <source>新增监测户</source>
        <translation>Add to monitoring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="421"/>
        <source>在左侧选择一条监测记录。</source>
        <translation>Choose a monitoring record on the left.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="424"/>
        <source>已于 {date} 消除风险：{note}（Ctrl+Z 可撤销刚做的标记）</source>
        <translation>Risk eliminated on {date}: {note} (Ctrl+Z undoes a mark just made)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="432"/>
        <source>暂不能消除：
</source>
        <translation>Cannot be eliminated yet:
</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/monitoring/page.py" line="434"/>
        <source>可以标记风险消除。</source>
        <translation>The risk can be marked eliminated.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="42"/>
        <location filename="../../desktop/ui/shell/registry.py" line="18"/>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="61"/>
        <location filename="../../desktop/ui/overview/page.py" line="69"/>
        <location filename="../../desktop/ui/villages/page.py" line="45"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="62"/>
        <source>人口</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="63"/>
        <source>贫困发生率</source>
        <translation>Poverty incidence</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="64"/>
        <location filename="../../desktop/ui/villages/page.py" line="48"/>
        <source>监测户</source>
        <translation>Monitored</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="66"/>
        <location filename="../../desktop/ui/villages/page.py" line="51"/>
        <source>近 30 天走访</source>
        <translation>Visited, 30 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="69"/>
        <location filename="../../desktop/ui/overview/page.py" line="73"/>
        <source>没有农户</source>
        <translation>No households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="73"/>
        <source>已走访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="74"/>
        <source>近 30 天走访覆盖（按村民小组）</source>
        <translation>Visits in 30 days, by group</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="77"/>
        <source>有短板或待核实的农户（双击打开）</source>
        <translation>Households with gaps or items to verify (double-click to open)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="79"/>
        <source>贫困村退出标准</source>
        <translation>Village exit standard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="91"/>
        <source>户类别（贫困户属性）</source>
        <translation>Households by category</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="93"/>
        <source>两不愁三保障及饮水安全：各项短板户数</source>
        <translation>Households short, by item</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="126"/>
        <source>正在统计…（户数较多，请稍候）</source>
        <translation>Counting… (many households, please wait)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="137"/>
        <source>{place}　概况（截至 {today:%Y年%m月%d日}）</source>
        <translation>{place}  Overview (as of {today:%Y-%m-%d})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="139"/>
        <location filename="../../desktop/ui/overview/page.py" line="144"/>
        <source>户</source>
        <translation>households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="140"/>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="143"/>
        <source>户，风险未消除</source>
        <translation>households at risk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="147"/>
        <source>户（{share}）</source>
        <translation>households ({share})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="152"/>
        <source>{n} 户</source>
        <translation>{n} households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="155"/>
        <source>{status} {n} 户</source>
        <translation>{status} {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="157"/>
        <source>脱贫属性：{statuses}。贫困人口 {poor} 人（未脱贫与返贫户的成员）。</source>
        <translation>Poverty status: {statuses}. {poor} people in poverty (members of households not yet out of poverty or fallen back).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="158"/>
        <location filename="../../desktop/ui/sync/tables.py" line="159"/>
        <location filename="../../desktop/ui/villages/page.py" line="58"/>
        <location filename="../../desktop/ui/villages/page.py" line="66"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="161"/>
        <source>非贫困户 {n} 户没有脱贫属性，不计入。</source>
        <translation> {n} non-poor households have no poverty-exit status and are not counted.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="170"/>
        <source>近 {days} 天走访覆盖（{since:%m月%d日}起，共 {visits} 次）</source>
        <translation>{visits} visits since {since:%m-%d} ({days} days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="179"/>
        <source>{visited}/{households} 户（{share}）</source>
        <translation>{visited}/{households} ({share})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="203"/>
        <source>有短板或待核实的农户：{n} 户（双击打开）</source>
        <translation>Households with gaps or items to verify: {n} (double-click to open)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="261"/>
        <source>按村查看（在上方选择一个村）时显示该村的退出标准。</source>
        <translation>Choose one village above to see its exit standard.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="266"/>
        <source>来源：{source}</source>
        <translation>Source: {source}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="281"/>
        <source>人口为零</source>
        <translation>no people</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="281"/>
        <source>未设地区标准</source>
        <translation>no regional standard set</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="283"/>
        <source>{region}标准 &lt; {limit}，{verdict}</source>
        <translation>{region} standard &lt; {limit}: {verdict}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="297"/>
        <source>全部达标</source>
        <translation>all met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="301"/>
        <source>{not_met} 户未达标</source>
        <translation>{not_met} not met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/overview/page.py" line="302"/>
        <source>{unknown} 户待核实</source>
        <translation>{unknown} to verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="36"/>
        <source>照片信息</source>
        <translation>Photo details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="51"/>
        <source>例如：危房改造后的正房</source>
        <translation>e.g. main room after the house repair</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="58"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="61"/>
        <source>保存说明和拍摄时间（Ctrl+Z 可撤销）</source>
        <translation>Save the caption and time taken (Ctrl+Z undoes it)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="63"/>
        <source>查看原图</source>
        <translation>View full size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="67"/>
        <source>说明</source>
        <comment>a photo's caption</comment>
        <translation>Caption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="68"/>
        <source>拍摄时间</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="89"/>
        <source>在左侧选择一张照片</source>
        <translation>Choose a photo on the left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="99"/>
        <location filename="../../desktop/ui/photos/grid_model.py" line="108"/>
        <source>正在载入…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="99"/>
        <source>照片文件尚未同步到本机</source>
        <translation>The photo file has not been synced to this computer yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="101"/>
        <location filename="../../desktop/ui/photos/page.py" line="288"/>
        <source>含拍摄位置</source>
        <translation>with location</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/details.py" line="128"/>
        <source>修改照片：{photo}</source>
        <translation>Edit photo: {photo}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/drop.py" line="26"/>
        <source>把照片文件拖到这里；选中后按 Delete 移除</source>
        <translation>Drag photo files here; select one and press Delete to remove it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/drop.py" line="87"/>
        <source>把照片拖到这里，或点“选择照片…”</source>
        <translation>Drag photos here, or click “Choose photos…”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="33"/>
        <location filename="../../desktop/domain/fields.py" line="14"/>
        <source>防返贫监测</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['monitoring'] (a kind of record)</extracomment>
        <translation>Monitoring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="35"/>
        <location filename="../../desktop/ui/shell/registry.py" line="20"/>
        <location filename="../../desktop/ui/visits/page.py" line="110"/>
        <location filename="../../desktop/domain/fields.py" line="12"/>
        <source>走访</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['visit'] (a kind of record)</extracomment>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="37"/>
        <source>驻村工作日志</source>
        <translation>Work diary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="38"/>
        <source>农户照片</source>
        <translation>Household photo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="42"/>
        <source>拍摄时间未知</source>
        <translation>time taken unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="83"/>
        <source>日期未知
{caption}</source>
        <translation>date unknown
{caption}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="87"/>
        <source>（无说明）</source>
        <translation>(no caption)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="102"/>
        <source>照片文件
尚未同步到本机</source>
        <translation>Photo file
not synced yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/grid_model.py" line="104"/>
        <source>无法显示</source>
        <translation>Cannot show</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="65"/>
        <source>全部照片</source>
        <translation>All photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="68"/>
        <source>只看这一项的佐证照片；新照片也归入这一项</source>
        <translation>Only the evidence for this item; new photos are filed under it too</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="70"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="89"/>
        <source>把照片文件（或文件夹）拖到左侧，或点“添加照片…”</source>
        <translation>Drag photo files (or a folder) to the left, or click “Add photos…”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="106"/>
        <source>共 {n} 张</source>
        <translation>{n} photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="127"/>
        <source>请先在上方选择农户：输入姓名、拼音首字母或户编号，再从列表中选择</source>
        <translation>Choose a household above first: type a name, pinyin initials or household no., then pick it from the list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="132"/>
        <source>没有找到照片文件（JPEG、PNG）</source>
        <translation>No photo files found (JPEG, PNG)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="143"/>
        <source>正在添加 {n} 张照片…</source>
        <translation>Adding {n} photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="172"/>
        <source>核查项</source>
        <translation>Check item</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="181"/>
        <source>添加结果</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="201"/>
        <source>这一户还没有照片。
把照片文件拖到这里，或点“添加照片…”</source>
        <translation>This household has no photos yet.
Drag photo files here, or click “Add photos…”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="203"/>
        <source>先在上方选择农户：输入姓名、拼音首字母或户编号</source>
        <translation>Choose a household above first: type a name, pinyin initials or household no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="212"/>
        <source>选择农户后，可查看、添加和修改这一户的照片。</source>
        <translation>Choose a household to see, add and edit its photos.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="215"/>
        <source>，归入“{where}”的佐证照片</source>
        <translation>, as evidence for “{where}”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="217"/>
        <source>新照片将添加到：{household}{into}</source>
        <translation>New photos go to: {household}{into}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="238"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="257"/>
        <source>已处理 {n} 个文件：添加 {stored} 张，已有 {duplicate} 张，失败 {failed} 个</source>
        <translation>{n} files: {stored} added, {duplicate} already there, {failed} failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="286"/>
        <source>拍摄于 {taken_at:%Y-%m-%d %H:%M}</source>
        <translation>taken {taken_at:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="289"/>
        <source>已添加</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/page.py" line="289"/>
        <source>这一户已有这张照片，未重复添加</source>
        <translation>This household has this photo already: not added twice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/strip.py" line="36"/>
        <source>这一户还没有照片</source>
        <translation>This household has no photos yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/strip.py" line="39"/>
        <source>在“照片”页查看和添加这户的照片</source>
        <translation>See and add this household's photos on the “Photos” page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/strip.py" line="55"/>
        <source>共 {n} 张照片（危房改造前后、孩子返校等佐证）。双击查看原图。</source>
        <translation>{n} photos (evidence such as before/after house repairs, children back at school). Double-click for full size.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/strip.py" line="57"/>
        <source>照片（危房改造前后、孩子返校等佐证）在“照片”页添加，可按核查项归类。</source>
        <translation>Photos (evidence such as before/after house repairs, children back at school) are added on the “Photos” page, filed by check item.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="56"/>
        <source>适应窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="58"/>
        <source>取消勾选以原始大小查看细节</source>
        <translation>Untick to see details at full size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="60"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="62"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="64"/>
        <source>把这张照片另存一份（可以发送或打印）</source>
        <translation>Save a copy of this photo (to send or print)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="68"/>
        <source>无法打开</source>
        <translation>cannot open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="101"/>
        <source>无法打开这张照片的文件</source>
        <translation>The file of this photo cannot be opened</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="120"/>
        <source>照片另存为</source>
        <translation>Save photo as</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="120"/>
        <source>JPEG 图片 (*.jpg)</source>
        <translation>JPEG images (*.jpg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/photos/viewer.py" line="124"/>
        <source>照片已另存到 {path}</source>
        <translation>Photo saved to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="42"/>
        <source>打印什么</source>
        <translation>What to print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="62"/>
        <source>公示内容</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="63"/>
        <source>公示开始</source>
        <translation>Posted from</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="65"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="66"/>
        <location filename="../../desktop/ui/printing/options.py" line="166"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="89"/>
        <source>请选择保存到哪个文件夹</source>
        <translation>Choose the folder to save to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="91"/>
        <source>请填写文件名</source>
        <translation>Fill in the file name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="114"/>
        <source>留空则全部农户每户一张</source>
        <translation>Leave empty for one card per household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="116"/>
        <source>只列建档立卡户（脱贫户、监测户）</source>
        <translation>Registered households only (lifted out of poverty, monitored)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="122"/>
        <source>最近一年</source>
        <translation>Latest year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="133"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="134"/>
        <source>公示</source>
        <translation>posted for</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="135"/>
        <source>只列此日期以后评议或消除风险的户</source>
        <translation>Only households assessed or cleared of risk since</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="142"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="148"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="159"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="166"/>
        <source>文件夹名</source>
        <translation>Folder name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/options.py" line="181"/>
        <source>保存到哪个文件夹</source>
        <translation>Save to which folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/output.py" line="40"/>
        <source>无法开始打印：请检查打印机是否连接、是否有纸</source>
        <translation>Cannot start printing: check that the printer is connected and has paper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/output.py" line="42"/>
        <source>打印机无法换页，打印已中止</source>
        <translation>The printer cannot start a new page: printing stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="45"/>
        <location filename="../../desktop/ui/shell/registry.py" line="25"/>
        <source>台账打印</source>
        <translation>Print ledgers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="55"/>
        <source>生成 PDF 并预览（Ctrl+Enter）</source>
        <translation>Make PDF and preview (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="90"/>
        <source>{out} 已存在，要替换它吗？</source>
        <translation>{out} exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="108"/>
        <source>正在生成{document}…</source>
        <translation>Making {document}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="121"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="141"/>
        <source>已取消，没有写入文件。</source>
        <translation>Cancelled: no file was written.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="143"/>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="146"/>
        <source>已生成 {name}：{pages} 页，{households} 户。</source>
        <translation>Made {name}: {pages} pages, {households} households.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="151"/>
        <source>已生成 {files} 个文件（共 {pages} 页）到 {folder}。</source>
        <translation>Made {files} files ({pages} pages) in {folder}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="157"/>
        <source>{n} 个同名文件是以前打印的，没有覆盖，这次的另起了名字（如 {name}）。</source>
        <translation>{n} files of the same name were printed earlier and were not overwritten: the new ones got other names (such as {name}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="163"/>
        <source>字体中没有这些字，打印出来是空白方框，请核对：{characters}</source>
        <translation>The font lacks these characters, which print as empty boxes; please check: {characters}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="169"/>
        <source>{missing_photos} 张照片的文件本机还没有，同步后再打印即可。</source>
        <translation>{missing_photos} photo files are not on this computer yet: print again after syncing.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="194"/>
        <source>{document}：还没有生成。点“生成 PDF 并预览”。</source>
        <translation>{document}: not made yet. Click “Make PDF and preview”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="211"/>
        <source>{parent}（{files} 个文件）</source>
        <translation>{parent} ({files} files)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="217"/>
        <source>预览 {name}（共 {pages} 页）</source>
        <translation>Preview of {name} ({pages} pages)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="221"/>
        <source>共 {pages} 页</source>
        <translation>{pages} pages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="225"/>
        <source>{where}
本机无法显示 PDF 预览：请点“打开文件夹”，用 PDF 阅读器查看和打印。</source>
        <translation>{where}
This computer cannot preview PDFs: click “Open folder” and use a PDF reader to view and print.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="237"/>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="56"/>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="125"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page.py" line="242"/>
        <source>已发送 {sheets} 页到打印机。</source>
        <translation>Sent {sheets} pages to the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/page_view.py" line="188"/>
        <source>正在显示第 {number} 页…</source>
        <translation>Drawing page {number}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/pdf_pages.py" line="91"/>
        <source>本机没有显示 PDF 的组件，无法预览和直接打印：请用 PDF 阅读器打开文件打印</source>
        <translation>This computer has no PDF renderer, so it cannot preview or print directly: open the file in a PDF reader to print it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/pdf_pages.py" line="127"/>
        <source>无法打开 {name}：不是完整的 PDF 文件（{exc}）</source>
        <translation>Cannot open {name}: not a complete PDF file ({exc})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/pdf_pages.py" line="161"/>
        <source>无法显示 {name} 第 {number} 页：{message}</source>
        <translation>Cannot show page {number} of {name}: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/pdf_pages.py" line="162"/>
        <source>pdftoppm 出错</source>
        <translation>pdftoppm failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/pdf_pages.py" line="167"/>
        <source>无法显示 {name} 第 {number} 页</source>
        <translation>Cannot show page {number} of {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/pdf_pages.py" line="188"/>
        <source>无法打开 {pdf}</source>
        <translation>Cannot open {pdf}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="32"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="35"/>
        <source>选择要打印的台账和选项，点“生成 PDF 并预览”。</source>
        <translation>Choose a ledger and its options, then click “Make PDF and preview”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="38"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="41"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="101"/>
        <source>上一页（PgUp）</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="102"/>
        <source>下一页（PgDn）</source>
        <translation>Next page (PgDn)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="110"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="111"/>
        <source>适合整页</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="115"/>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="116"/>
        <source>放大（Ctrl++）</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="126"/>
        <source>缩放</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/preview_pane.py" line="154"/>
        <source>第 {page} 页 共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="33"/>
        <source>一户一档（一户）</source>
        <translation>Household file (one household)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="34"/>
        <source>一户一档（全部农户，合成一个文件）</source>
        <translation>Household files (all, in one PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="35"/>
        <source>一户一档（全部农户，每户一个文件）</source>
        <translation>Household files (all, a PDF each)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="36"/>
        <source>人口台账</source>
        <translation>Population roster</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="38"/>
        <source>公示名单</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="39"/>
        <source>各村汇总（乡镇）</source>
        <translation>Summary of the villages (township)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing/request.py" line="73"/>
        <source>无法建立文件夹 {out}：{value}</source>
        <translation>Cannot create the folder {out}: {value}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="54"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="171"/>
        <location filename="../../desktop/ui/shell/dialogs.py" line="78"/>
        <location filename="../../desktop/ui/shell/jobs.py" line="61"/>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="107"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="86"/>
        <source>正在处理，请稍候…</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="104"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="206"/>
        <source>两次输入的新口令不一致，未做任何改动</source>
        <translation>The two new passphrases do not match; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="112"/>
        <source>添加用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="113"/>
        <source>新用户用自己的口令打开同一个台账，他做的修改记在他名下。请先输入你的口令。</source>
        <translation>A new user opens the same ledger with their own passphrase, and their changes are recorded under their name. Type your passphrase first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="114"/>
        <location filename="../../desktop/ui/visits/page.py" line="331"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="122"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="155"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="217"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="165"/>
        <location filename="../../desktop/ui/shell/first_start.py" line="86"/>
        <source>至少 8 个字符，可以是一句话</source>
        <translation>At least 8 characters; a sentence is fine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="124"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="185"/>
        <source>你的口令</source>
        <translation>Your passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="125"/>
        <source>新用户姓名</source>
        <translation>New user's name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="126"/>
        <source>新用户的口令</source>
        <translation>New user's passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="127"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="159"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="221"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="188"/>
        <location filename="../../desktop/ui/shell/first_start.py" line="87"/>
        <source>再输入一次</source>
        <translation>Type it again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="132"/>
        <location filename="../../desktop/ui/security/dialogs.py" line="190"/>
        <source>请输入你的口令</source>
        <translation>Please type your passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="134"/>
        <source>请输入新用户的姓名</source>
        <translation>Please type the new user's name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="147"/>
        <source>修改我的口令</source>
        <translation>Change my passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="148"/>
        <source>修改 {user} 的口令。数据不会重新加密，其他用户的口令不变。</source>
        <translation>Change the passphrase of {user}. The data is not encrypted again, and other users' passphrases stay the same.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="157"/>
        <source>当前口令</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="158"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="187"/>
        <source>新口令</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="164"/>
        <source>请输入当前口令</source>
        <translation>Please type the current passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="177"/>
        <source>生成新的恢复码</source>
        <translation>New recovery code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="178"/>
        <source>新的恢复码生成后，原来的恢复码立即作废。新恢复码只显示一次：请抄下，交乡镇保管。</source>
        <translation>Once a new recovery code is made, the old one stops working at once. The new code is shown only once: write it down for the township.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="179"/>
        <source>生成</source>
        <translation>Make</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="204"/>
        <source>启用加密</source>
        <translation>Turn on encryption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="205"/>
        <source>加密后，数据库、照片、备份和本机密钥都用口令保护：电脑丢失或借给别人时，没有口令就看不到农户的信息。以后每次打开都要输入口令，还会生成一个恢复码（忘记口令时用），请抄下交乡镇保管。加密完成后台账会重新打开。</source>
        <translation>Encryption protects the database, photos, backups and this device's keys with a passphrase: if the computer is lost or lent out, nobody can read the households' details without it. Every start will ask for the passphrase, and a recovery code (for a forgotten passphrase) is made: write it down for the township. The ledger reopens when encryption is done.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="211"/>
        <source>开始加密</source>
        <translation>Encrypt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="219"/>
        <source>使用人姓名</source>
        <translation>User's name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="220"/>
        <location filename="../../desktop/ui/security/lock_screen.py" line="37"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="94"/>
        <location filename="../../desktop/ui/shell/first_start.py" line="99"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/dialogs.py" line="226"/>
        <source>请输入使用人姓名</source>
        <translation>Please type the user's name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/lock_screen.py" line="20"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="88"/>
        <location filename="../../desktop/ui/shell/dialogs.py" line="14"/>
        <location filename="../../desktop/ui/shell/jobs.py" line="63"/>
        <source>驻村台账</source>
        <translation>Zhucun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/lock_screen.py" line="26"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/lock_screen.py" line="28"/>
        <source>使用人：</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/lock_screen.py" line="40"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="74"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/lock_screen.py" line="79"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="118"/>
        <source>正在核对口令…</source>
        <translation>Checking the passphrase…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/lock_screen.py" line="89"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="113"/>
        <source>请输入口令</source>
        <translation>Please type the passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="52"/>
        <source>用户与安全</source>
        <translation>Users and security</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="61"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="61"/>
        <source>设立时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="66"/>
        <source>添加用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="67"/>
        <source>修改我的口令…</source>
        <translation>Change my passphrase…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="68"/>
        <source>生成新的恢复码…</source>
        <translation>New recovery code…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="69"/>
        <source>启用加密…</source>
        <translation>Turn on encryption…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="73"/>
        <source>从不</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="73"/>
        <source>{n} 分钟</source>
        <translation>{n} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="78"/>
        <source>无操作多久后自动锁定</source>
        <translation>Lock after this long without use</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="98"/>
        <source>服务器数据库：数据由数据库服务器保护（请对服务器的磁盘加密）。</source>
        <translation>Server database: the database server protects the data (encrypt the server's disk).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="104"/>
        <source>数据未加密：电脑丢失或借给别人时，别人能读到农户的信息。建议启用加密。</source>
        <translation>The data is not encrypted: if the computer is lost or lent out, others can read the households' details. Turning on encryption is recommended.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="109"/>
        <source>数据已加密（数据库、照片、备份和本机密钥）。当前使用人：{user}。</source>
        <translation>The data is encrypted (database, photos, backups and this device's keys). Current user: {user}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="114"/>
        <source>（当前）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="136"/>
        <source>已修改 {user} 的口令。</source>
        <translation>The passphrase of {user} was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="152"/>
        <source>请等正在进行的任务完成后再启用加密，未做任何改动</source>
        <translation>Wait for the running jobs to finish before turning on encryption; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="165"/>
        <source>正在加密台账（数据库、照片、备份）…</source>
        <translation>Encrypting the ledger (database, photos, backups)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/panel.py" line="188"/>
        <source>已添加用户 {name}：他用自己的口令打开这个台账。</source>
        <translation>User {name} was added and opens this ledger with their own passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="39"/>
        <source>恢复码 — 只显示这一次</source>
        <translation>Recovery code — shown only this once</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="44"/>
        <source>这是本台账的恢复码。所有使用人都忘了口令时，只有用它才能重新设置口令、打开台账。请抄下（或打印）交乡镇保管；它只显示这一次。</source>
        <translation>This is the ledger's recovery code. If every user forgets their passphrase, only this code can set a new one and open the ledger. Write it down (or print it) and give it to the township for safekeeping; it is shown only this once.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="58"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="61"/>
        <source>我已抄下恢复码，交乡镇保管</source>
        <translation>I have written the code down for the township</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="63"/>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="105"/>
        <source>驻村台账 恢复码</source>
        <translation>Zhucun recovery code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="106"/>
        <source>建立人：{user}　日期：{date}</source>
        <translation>Made by: {user}  Date: {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="109"/>
        <source>所有使用人都忘了口令时，用这个恢复码重新设置口令（zhucun security recover）。请交乡镇保管，不要和电脑放在一起。</source>
        <translation>If every user forgets their passphrase, this recovery code sets a new one (zhucun security recover). Keep it at the township, never with the computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="123"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="186"/>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/recovery_code_dialog.py" line="131"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="64"/>
        <source>驻村台账 — 解锁</source>
        <translation>Zhucun — unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="77"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="80"/>
        <source>忘记口令？</source>
        <translation>Forgot the passphrase?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="90"/>
        <source>这个台账已加密。请选择使用人，输入口令。</source>
        <translation>This ledger is encrypted. Choose the user and type the passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="93"/>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="185"/>
        <location filename="../../desktop/ui/shell/first_start.py" line="98"/>
        <source>使用人</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="157"/>
        <source>忘记口令 — 用恢复码设新口令</source>
        <translation>Forgotten passphrase — set a new one with the recovery code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="164"/>
        <source>8 组、每组 5 个字母或数字，如 7K3QD-…</source>
        <translation>8 groups of 5 letters or digits, e.g. 7K3QD-…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="168"/>
        <source>设新口令</source>
        <translation>Set new passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="178"/>
        <source>用乡镇保管的恢复码为使用人设一个新口令。恢复码用过即作废，随后会显示新的恢复码：请抄下，交乡镇保管。</source>
        <translation>Set a new passphrase for a user with the recovery code kept at the township. A used code stops working and a new one is shown: write it down for the township.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="204"/>
        <source>请输入恢复码</source>
        <translation>Please type the recovery code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/security/unlock_dialog.py" line="220"/>
        <source>正在设置新口令…</source>
        <translation>Setting the new passphrase…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="51"/>
        <source>是（贫困发生率标准 3%）</source>
        <translation>Yes (incidence standard 3%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="52"/>
        <source>否（中部，标准 2%）</source>
        <translation>No (central region, standard 2%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="55"/>
        <location filename="../../desktop/ui/sync/tables.py" line="53"/>
        <location filename="../../desktop/ui/villages/page.py" line="52"/>
        <location filename="../../desktop/ui/villages/page.py" line="63"/>
        <source>设备</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="56"/>
        <location filename="../../desktop/ui/sync/tables.py" line="60"/>
        <location filename="../../desktop/ui/villages/page.py" line="68"/>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="57"/>
        <location filename="../../desktop/ui/sync/tables.py" line="54"/>
        <source>信任方式</source>
        <translation>Trusted via</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="60"/>
        <source>驻村台账备份 (*.sqlite3);;所有文件 (*)</source>
        <translation>Zhucun backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="61"/>
        <source>界面语言在下次启动驻村台账时生效。</source>
        <translation>The interface language changes the next time Zhucun starts.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="65"/>
        <location filename="../../desktop/ui/shell/registry.py" line="27"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="104"/>
        <source>乡镇设备</source>
        <translation>Township device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="104"/>
        <source>村设备</source>
        <translation>Village device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="107"/>
        <source>{role}　{place}
使用人：{user}
设备编号：{device}</source>
        <translation>{role}  {place}
User: {user}
Device ID: {device}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="108"/>
        <source>未署名</source>
        <translation>unnamed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="118"/>
        <location filename="../../desktop/ui/villages/page.py" line="346"/>
        <source>已吊销</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="118"/>
        <location filename="../../desktop/ui/villages/page.py" line="346"/>
        <source>有效</source>
        <translation>valid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="139"/>
        <source>身份卡已保存到 {folder}。请把它交给对方，并在电话中读出本机指纹：{fingerprint}</source>
        <translation>The identity card was saved to {folder}. Give it to the other side and read this device's fingerprint to them over the phone: {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="168"/>
        <source>修改村基本信息</source>
        <translation>Edit village profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="182"/>
        <source>正在备份台账…</source>
        <translation>Backing up the ledger…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="188"/>
        <source>用备份 {name} 替换现在的台账？
现在的台账会先另存一份备份，恢复后可以再恢复回来。
恢复后，撤销记录会清空。</source>
        <translation>Replace the current ledger with the backup {name}?
The current ledger is backed up first, so it can be restored again.
After restoring, the undo history is cleared.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="198"/>
        <source>正在从备份恢复…</source>
        <translation>Restoring from the backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="209"/>
        <location filename="../../desktop/ui/villages/page.py" line="221"/>
        <source>吊销 {device}？此后它签名的同步包一律拒绝，这一步不能撤销。</source>
        <translation>Revoke {device}? Every bundle it signs from now on is refused. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="216"/>
        <source>本机身份</source>
        <translation>This device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="225"/>
        <source>对方信任本机前，请在电话中读出上面的指纹，由对方核对。</source>
        <translation>Before the other side trusts this device, read them the fingerprint above over the phone so they can check it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="227"/>
        <source>导出身份卡…</source>
        <translation>Export identity card…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="232"/>
        <source>本机指纹：</source>
        <translation>This device's fingerprint:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="241"/>
        <source>已信任的设备</source>
        <translation>Trusted devices</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="245"/>
        <source>信任身份卡…</source>
        <translation>Trust an identity card…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="248"/>
        <location filename="../../desktop/ui/villages/page.py" line="192"/>
        <source>吊销所选设备…</source>
        <translation>Revoke selected device…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="256"/>
        <source>村基本信息</source>
        <translation>Village profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="271"/>
        <source>用顿号或逗号分隔，如：一组、二组</source>
        <translation>Separate with 、 or commas, e.g. 一组、二组</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="287"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="292"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="295"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="305"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="327"/>
        <source>乡镇设备：在“各村”页选择一个村后，这里显示它的基本信息。</source>
        <translation>Township device: choose a village on the “Villages” page to see its profile here.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="333"/>
        <source>（不能修改）</source>
        <translation> (cannot be changed)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="334"/>
        <source>村的编号由村代码生成，同村各设备据此合并，所以村代码不能修改</source>
        <translation>The village's ID is made from its code, and the devices of one village merge by it, so the code cannot change</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="344"/>
        <source>改完一项按回车或点别处即保存，可用 Ctrl+Z 撤销。</source>
        <translation>A field is saved when you press Enter or click elsewhere; Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="346"/>
        <source>村的基本信息由村里维护，乡镇设备只能查看。</source>
        <translation>The village keeps its profile; a township device can only view it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="365"/>
        <source>海拔应为整数（米），实为“{altitude}”</source>
        <translation>The altitude should be a whole number of metres, not “{altitude}”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="377"/>
        <source>服务器数据库请用 pg_dump 备份、pg_restore 恢复（见使用说明“乡镇服务器”一节）。</source>
        <translation>Back up a server database with pg_dump and restore it with pg_restore (see “Township server” in the manual).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="381"/>
        <source>还没有备份</source>
        <translation>no backup yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="381"/>
        <source>最近一份：{name}</source>
        <translation>newest: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="383"/>
        <source>备份保存在 {backups}（共 {n} 份，{newest}）。每天第一次打开时自动备份，保留最近 10 份；建议另外拷一份到 U 盘。</source>
        <translation>Backups are kept in {backups} ({n}, {newest}). The first start of each day makes one, and the newest 10 are kept; copying one to a USB drive as well is a good idea.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="395"/>
        <source>已备份到 {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="400"/>
        <source>原来的台账已另存为 {path}。</source>
        <translation>The previous ledger was saved as {path}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="404"/>
        <source>已从 {name} 恢复。{kept}</source>
        <translation>Restored from {name}. {kept}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="409"/>
        <source>隔离区中它的 {n} 个同步包已处理，其中 {applied} 个导入了新内容。</source>
        <translation>Its {n} bundles in quarantine were processed; {applied} brought new data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="417"/>
        <source>已信任：指纹 {fingerprint}。{released}</source>
        <translation>Trusted: fingerprint {fingerprint}. {released}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="427"/>
        <source>身份卡保存到哪个文件夹（或 U 盘）</source>
        <translation>Save the identity card to which folder (or USB drive)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="433"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="438"/>
        <source>吊销设备</source>
        <translation>Revoke device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="438"/>
        <source>吊销原因（如：笔记本电脑丢失）：</source>
        <translation>Reason (e.g. laptop lost):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="453"/>
        <source>（米）</source>
        <translation> (m)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/page.py" line="454"/>
        <source>{field}：</source>
        <translation>{field}:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="42"/>
        <location filename="../../desktop/ui/settings/policy_box.py" line="85"/>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="44"/>
        <source>元/人·年</source>
        <translation>Yuan per person and year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="45"/>
        <location filename="../../desktop/ui/settings/policy_box.py" line="88"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="48"/>
        <source>扶贫标准</source>
        <translation>Poverty line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="49"/>
        <source>监测标准</source>
        <translation>Monitoring threshold</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="54"/>
        <source>政策标准</source>
        <translation>Policy figures</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="67"/>
        <source>元/人·年，如 8800</source>
        <translation>Yuan per person and year, e.g. 8800</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="70"/>
        <source>文件名称和年份（必填）</source>
        <translation>Document and year (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="74"/>
        <source>保存标准</source>
        <translation>Save figure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="77"/>
        <source>撤销所选</source>
        <translation>Withdraw selected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="87"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="98"/>
        <source>本省文件有、程序未附来源的数字在此填写；保存后随同步包发到各村。</source>
        <translation>Figures from your province's documents that the program ships without a source go here; once saved they reach every village with its sync bundle.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="100"/>
        <source>政策标准由乡镇设置，随乡镇的同步包发到本村；这里可查看各年度现用的标准。</source>
        <translation>Policy figures are set by the township and reach this village with its sync bundle; here you can see which figure each year uses.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="133"/>
        <source>设置 {year} 年{kind}</source>
        <translation>Set the {year} {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="143"/>
        <source>请先在表中选择要撤销的标准</source>
        <translation>Select the figure to withdraw in the table first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="162"/>
        <source>撤销 {year} 年{kind}</source>
        <translation>Withdraw the {year} {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings/policy_box.py" line="171"/>
        <source>现用：</source>
        <translation>In use: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/dialogs.py" line="21"/>
        <source>磁盘空间不足：请清理空间后重试，未做任何改动</source>
        <translation>The disk is full: free some space and try again. Nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/dialogs.py" line="23"/>
        <source>程序出现了问题，未做任何改动。详细信息已写入 {report}，请把它交给技术支持</source>
        <translation>Something went wrong; nothing was changed. The details are in {report}: please pass it on to technical support</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/dialogs.py" line="76"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/dialogs.py" line="77"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_run_guide.py" line="25"/>
        <source>&lt;b&gt;第一次使用？&lt;/b&gt;　① 设置 → 信任身份卡…：信任各村设备（电话核对指纹）　② 同步 → 导入同步包：收各村的 U 盘　③ 各村：选一个村查看　④ 同步 → 给每个村的设备各导出一个</source>
        <translation>&lt;b&gt;New here?&lt;/b&gt;　① Settings → Trust an identity card…: trust each village's device (check the fingerprint by phone)　② Sync → Import sync bundles: the villages' USB sticks　③ Villages: choose one to look at　④ Sync → Export one for every village device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_run_guide.py" line="30"/>
        <source>&lt;b&gt;第一次使用？&lt;/b&gt;　① 农户 → 新增农户…（或 从 Excel 导入…）　② 走访 → 记录走访　③ 台账打印 → 生成 PDF 并预览　④ 同步 → 导出同步包，带去乡镇</source>
        <translation>&lt;b&gt;New here?&lt;/b&gt;　① Households → New household… (or Import from Excel…)　② Visits → Record a visit　③ Print ledgers → Make PDF and preview　④ Sync → Export bundle, take it to the township</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_run_guide.py" line="37"/>
        <source>使用说明（F1）</source>
        <translation>Manual (F1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_run_guide.py" line="40"/>
        <source>知道了，不再显示</source>
        <translation>Got it, don't show again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="66"/>
        <source>驻村台账 — 开始使用</source>
        <translation>Zhucun — getting started</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="74"/>
        <source>打开演示村（亚弄村，71 户，虚构的数据）：先看看软件怎么用</source>
        <translation>Open the demo village (Yanong, 71 households, fictional data): see how the program works first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="75"/>
        <source>建立本村台账</source>
        <translation>Set up the ledger of this village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="76"/>
        <source>建立乡镇设备（接收各村的同步包）</source>
        <translation>Set up a township device (receives the villages' sync bundles)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="83"/>
        <source>村（或乡镇）代码，如 513301207201</source>
        <translation>Village (or township) code, e.g. 513301207201</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="84"/>
        <source>村名（或乡镇名），如 亚弄村</source>
        <translation>Village (or township) name, e.g. 亚弄村</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="85"/>
        <source>你的姓名</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="88"/>
        <source>不加密（不建议）</source>
        <translation>Do not encrypt (not recommended)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="90"/>
        <source>不加密时，户籍、身份证号等个人信息以明文保存在这台电脑上</source>
        <translation>Without encryption, personal details such as household registers and ID numbers are stored on this computer in plain text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="96"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="97"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="100"/>
        <source>确认口令</source>
        <translation>Confirm passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="111"/>
        <source>&lt;b&gt;欢迎使用驻村台账&lt;/b&gt;　数据只保存在这台电脑上，并且加密。</source>
        <translation>&lt;b&gt;Welcome to Zhucun&lt;/b&gt; — the data stays on this computer only, encrypted.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="112"/>
        <source>&lt;b&gt;欢迎使用驻村台账&lt;/b&gt;</source>
        <translation>&lt;b&gt;Welcome to Zhucun&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="165"/>
        <source>请填写代码和名称</source>
        <translation>Please fill in the code and the name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="167"/>
        <source>请填写使用人的姓名</source>
        <translation>Please fill in the user's name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="175"/>
        <location filename="../../desktop/ui/shell/first_start.py" line="233"/>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases do not match</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/first_start.py" line="222"/>
        <source>正在建立加密的台账……</source>
        <translation>Setting up the encrypted ledger…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/fonts.py" line="36"/>
        <source>找不到界面字体 {path}，安装不完整，请重新安装驻村台账 (font file missing)</source>
        <translation>The interface font {path} is missing: the installation is incomplete, please reinstall Zhucun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/fonts.py" line="42"/>
        <source>无法读取界面字体 {path}，文件可能已损坏，请重新安装驻村台账 (font file unreadable)</source>
        <translation>The interface font {path} cannot be read and may be damaged: please reinstall Zhucun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="42"/>
        <source>驻村台账 — 使用说明</source>
        <translation>Zhucun — manual</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="54"/>
        <source>找不到使用说明 {path}（{problem}）：请重新安装驻村台账。</source>
        <translation>The manual {path} cannot be found ({problem}): please reinstall Zhucun.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="97"/>
        <source>PostgreSQL 服务器：{url}</source>
        <translation>PostgreSQL server: {url}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="99"/>
        <source>SQLite，已加密（SQLCipher）</source>
        <translation>SQLite, encrypted (SQLCipher)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="101"/>
        <source>SQLite，未加密</source>
        <translation>SQLite, not encrypted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="103"/>
        <source>驻村台账 Zhucun {version}</source>
        <translation>Zhucun 驻村台账 {version}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="104"/>
        <source>数据文件夹：{folder}</source>
        <translation>Data folder: {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="105"/>
        <source>数据库：{database}</source>
        <translation>Database: {database}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="107"/>
        <source>按 F1 打开使用说明（只有中文版）。</source>
        <translation>F1 opens the manual (in Chinese only).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/help.py" line="114"/>
        <location filename="../../desktop/ui/shell/main_window.py" line="276"/>
        <source>关于驻村台账</source>
        <translation>About Zhucun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/idle_lock.py" line="95"/>
        <source>立即锁定</source>
        <translation>Lock now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/idle_lock.py" line="99"/>
        <source>安全</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="182"/>
        <source>走访表单里有没有保存的内容，关闭前要保存吗？</source>
        <translation>The visit form holds something not saved. Save it before closing?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="188"/>
        <source>日志表单里有没有保存的内容，关闭前要保存吗？</source>
        <translation>The diary form holds text that is not saved. Save it before closing?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="257"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="258"/>
        <source>撤销</source>
        <comment>undo the last edit</comment>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="260"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="269"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="270"/>
        <source>使用说明</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="310"/>
        <location filename="../../desktop/ui/shell/main_window.py" line="311"/>
        <location filename="../../desktop/ui/sync/tables.py" line="152"/>
        <location filename="../../desktop/ui/sync/tables.py" line="153"/>
        <location filename="../../desktop/ui/villages/page.py" line="54"/>
        <location filename="../../desktop/ui/villages/page.py" line="64"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="312"/>
        <source>上次导出：{out}　上次导入：{came}　未导出修改：{unsent} 条</source>
        <translation>Last export: {out}　Last import: {came}　Changes not exported: {unsent}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="316"/>
        <source>　已导出待回执：{n} 条</source>
        <translation>　Exported, awaiting receipt: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="328"/>
        <location filename="../../desktop/ui/shell/main_window.py" line="341"/>
        <location filename="../../desktop/domain/fields.py" line="25"/>
        <source>乡镇</source>
        <extracomment>desktop/domain/fields.py: village.township</extracomment>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="331"/>
        <source>驻村台账 — {place}（乡镇）{in_view}</source>
        <translation>Zhucun — {place} (township){in_view}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="335"/>
        <source>驻村台账 — {village}</source>
        <translation>Zhucun — {village}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="337"/>
        <source>（演示数据，虚构）</source>
        <translation> (demo data, fictional)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="339"/>
        <source>使用人：{user}　　{place_kind}：{place}</source>
        <translation>User: {user}    {place_kind}: {place}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/registry.py" line="26"/>
        <location filename="../../desktop/ui/sync/page.py" line="71"/>
        <location filename="../../desktop/ui/villages/page.py" line="57"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/registry.py" line="29"/>
        <location filename="../../desktop/ui/villages/page.py" line="127"/>
        <source>各村</source>
        <translation>Villages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/registry.py" line="52"/>
        <source>“{title}”页尚在建设中，下一版提供。命令行已可使用相应功能（zhucun --help）。</source>
        <translation>The “{title}” page is under construction and comes in the next version. The command line already has it (zhucun --help).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="42"/>
        <source>中文字体</source>
        <translation>Chinese font</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="43"/>
        <source>界面翻译</source>
        <translation>Interface translations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="44"/>
        <source>PDF 预览和打印</source>
        <translation>PDF preview and printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="45"/>
        <source>数据库加密（SQLCipher）</source>
        <translation>Database encryption (SQLCipher)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="46"/>
        <source>口令密钥派生</source>
        <translation>Passphrase key derivation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="47"/>
        <source>农户检索索引（FTS5 三元组）</source>
        <translation>Household search index (FTS5 trigrams)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="51"/>
        <source>服务器的农户检索索引（pg_trgm）</source>
        <translation>Server's household search index (pg_trgm)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="66"/>
        <source>缺 FTS5 三元组分词：{0}；农户检索仍可用，但逐行比对，较慢</source>
        <translation>FTS5 trigram tokenizer missing: {0}; household search still works, but reads every household (slower)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="77"/>
        <source>{family} 缺少 {characters}</source>
        <translation>{family} lacks {characters}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="91"/>
        <source>找不到英文翻译 zhucun_en.qm</source>
        <translation>English translation zhucun_en.qm not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="93"/>
        <source>找不到 Qt 自带的中文翻译 qtbase_zh_CN.qm</source>
        <translation>Qt's own Chinese translation qtbase_zh_CN.qm not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="94"/>
        <source>English（农户 → {english}），Qt 中文（Cancel → {cancel}）</source>
        <translation>English (农户 → {english}), Qt Chinese (Cancel → {cancel})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="102"/>
        <source>没有可用的 PDF 渲染组件（pypdfium2）</source>
        <translation>No PDF renderer available (pypdfium2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="109"/>
        <source>{renderer} 渲染的页面不对</source>
        <translation>{renderer} rendered the page wrongly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/self_check.py" line="110"/>
        <source>{renderer}，{width}×{height} 像素</source>
        <translation>{renderer}, {width}×{height} pixels</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/drives.py" line="76"/>
        <source>U 盘 {name}（{root}），可用 {size}</source>
        <translation>USB drive {name} ({root}), {size} free</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="67"/>
        <source>同步包 (*.zcb);;所有文件 (*)</source>
        <translation>Sync bundles (*.zcb);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="84"/>
        <source>导出与导入</source>
        <translation>Export and import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="85"/>
        <location filename="../../desktop/ui/sync/page.py" line="101"/>
        <source>隔离区</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="86"/>
        <location filename="../../desktop/ui/sync/page.py" line="105"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="87"/>
        <source>各设备同步状态</source>
        <translation>Device status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="101"/>
        <source>隔离区（{n}）</source>
        <translation>Quarantine ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="105"/>
        <source>冲突（{n}）</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="121"/>
        <location filename="../../desktop/ui/sync/page.py" line="130"/>
        <source>文件夹 {folder}</source>
        <translation>Folder {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="145"/>
        <source>正在导出同步包…</source>
        <translation>Exporting the sync bundle…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="157"/>
        <source>正在为各村导出同步包…</source>
        <translation>Exporting sync bundles for the villages…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="179"/>
        <source>正在导入 {n} 个同步包…</source>
        <translation>Importing {n} sync bundles…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="216"/>
        <source>没有找到 U 盘：请插入 U 盘后点“刷新 U 盘”，或选择一个文件夹</source>
        <translation>No USB drive found: plug one in and click “Rescan drives”, or choose a folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="219"/>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="221"/>
        <source>刷新 U 盘</source>
        <translation>Rescan drives</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="227"/>
        <source>全部重新导出（U 盘丢失、对方缺少操作时使用）</source>
        <translation>Export everything again (lost drive, missing changes)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="228"/>
        <source>导出同步包</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="231"/>
        <source>给每个村的设备各导出一个</source>
        <translation>Export one for every village device</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="234"/>
        <source>乡镇：为每台已信任的村设备各写一个同步包，放在“保存到”的文件夹里</source>
        <translation>Township: writes a bundle for every trusted village device into the “Save to” folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="242"/>
        <source>发给：</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="243"/>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="249"/>
        <source>导出同步包（带去乡镇或带回村里）</source>
        <translation>Export a sync bundle (to carry to the township or back to the village)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="254"/>
        <source>选择同步包…</source>
        <translation>Choose bundles…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="257"/>
        <source>试运行：只列出会改动什么，不写入</source>
        <translation>Dry run: list the changes, write nothing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="258"/>
        <source>可一次选择多个，也可以把 .zcb 文件直接拖到本页。</source>
        <translation>Choose several at once, or drag .zcb files onto this page.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="273"/>
        <source>选中一行查看详情（缺少的操作、警告、试运行列出的改动）</source>
        <translation>Select a row for details (missing changes, warnings, what a dry run would change)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="275"/>
        <source>导入同步包</source>
        <translation>Import sync bundles</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="289"/>
        <source>这些同步包来自还没有被信任的设备，没有导入。请向对方要它的身份卡（.zcid），打电话核对指纹后信任它，它的同步包随即导入。</source>
        <translation>These bundles come from devices not trusted yet and were not imported. Ask for the device's identity card (.zcid), check its fingerprint over the phone and trust it: its bundles are then imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="297"/>
        <source>核对指纹并信任发送设备…</source>
        <translation>Check fingerprint and trust sender…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="304"/>
        <source>两台设备同时改了同一项时，本机先按统一规则取了一个值（“本机现在的值”），另一个值保留在这里。请核实后选择保留哪一个；选择会随下一个同步包传到其他设备。</source>
        <translation>When two devices changed the same item, this device took one value by a fixed rule (“Value here now”) and kept the other here. Check which is right and choose; the choice travels to the other devices with the next bundle.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="313"/>
        <source>保留本机现在的值</source>
        <translation>Keep the value here</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="315"/>
        <source>改用另一台设备的值</source>
        <translation>Use the other device's value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="321"/>
        <source>每台设备：最近一次收到和发出同步包的时间，本机已完整收到它的第几条操作，以及缺少哪些（缺少时请对方勾选“全部重新导出”再导出一次）。</source>
        <translation>Each device: when bundles last came in and went out, up to which of its changes this device has them all, and which are missing (then ask the other side to tick “Export everything again” and export once more).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="339"/>
        <source>{name}　指纹 {fingerprint}</source>
        <translation>{name}  fingerprint {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="343"/>
        <source>还没有信任的设备：先在“设置”页信任对方的身份卡</source>
        <translation>No trusted device yet: trust the other side's identity card on the “Settings” page first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="355"/>
        <source>；{missing_blobs} 张照片本机没有文件，未能带上</source>
        <translation>; {missing_blobs} photo files are not on this computer and were left out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="360"/>
        <source>已导出 {file}（{size}）给 {recipient}：操作 {ops} 条，照片 {blobs} 张{missing}。</source>
        <translation>Exported {file} ({size}) for {recipient}: {ops} changes, {blobs} photos{missing}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="377"/>
        <source>{device}：未导出，{problem}</source>
        <translation>{device}: not exported, {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="381"/>
        <source>{device}：{file}（{size}，操作 {ops} 条）</source>
        <translation>{device}: {file} ({size}, {ops} changes)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="389"/>
        <source>已为 {written} 台村设备导出同步包（共 {total} 台）：</source>
        <translation>Exported bundles for {written} of {total} village devices:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="405"/>
        <source>，隔离区中它的 {n} 个同步包已处理</source>
        <translation>; its {n} bundles in quarantine were processed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="408"/>
        <source>已信任 {place} 的设备{released}。</source>
        <translation>The device of {place} is trusted{released}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="422"/>
        <source>选择保存同步包的文件夹</source>
        <translation>Choose the folder for the sync bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="427"/>
        <source>选择同步包</source>
        <translation>Choose sync bundles</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="20"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="21"/>
        <source>已有</source>
        <translation>Already had</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="22"/>
        <source>已隔离</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="23"/>
        <source>已拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="24"/>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="35"/>
        <source>同步包</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="36"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="40"/>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="41"/>
        <source>发送设备</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="42"/>
        <source>发送设备指纹</source>
        <translation>Sender's fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="43"/>
        <source>同步包编号</source>
        <translation>Bundle no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="46"/>
        <source>农户</source>
        <comment>the household a row is about</comment>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="48"/>
        <source>本机现在的值</source>
        <translation>Value here now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="49"/>
        <source>另一台设备的值</source>
        <translation>Other device's value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="50"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="55"/>
        <location filename="../../desktop/ui/villages/page.py" line="64"/>
        <source>最近收到</source>
        <translation>Last in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="56"/>
        <source>最近发出</source>
        <translation>Last out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="57"/>
        <source>收到它的操作</source>
        <translation>Its changes received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="58"/>
        <location filename="../../desktop/ui/villages/page.py" line="66"/>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="59"/>
        <source>对方回执</source>
        <translation>Their receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="89"/>
        <source>试运行：</source>
        <translation>Dry run: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="133"/>
        <source>（已吊销）</source>
        <translation> (revoked)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="135"/>
        <source>本机共写了 {n} 条</source>
        <translation>{n} written here</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="137"/>
        <source>还没有收到</source>
        <translation>none received yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="137"/>
        <source>完整到第 {n} 条</source>
        <translation>complete to no. {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="139"/>
        <source>（最高第 {n} 条）</source>
        <translation> (highest no. {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="144"/>
        <source>收到本机同步包 {n} 个</source>
        <translation>received {n} of our bundles</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="145"/>
        <source>，拒绝 {rejected} 个</source>
        <translation>, refused {rejected}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="156"/>
        <source>第 {lo}–{hi} 条</source>
        <translation>nos. {lo}–{hi}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/tables.py" line="156"/>
        <source>第 {lo} 条</source>
        <translation>no. {lo}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="37"/>
        <source>身份卡 (*.zcid);;所有文件 (*)</source>
        <translation>Identity cards (*.zcid);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="63"/>
        <source>信任设备：核对指纹</source>
        <translation>Trust a device: check its fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="71"/>
        <source>1. 选择对方设备导出的身份卡（.zcid 文件）。
2. 打电话请对方读出其“设置”页上显示的指纹，在下面输入。
两者一致才会信任；不一致说明身份卡可能被调换过。</source>
        <translation>1. Choose the identity card (.zcid file) the other device exported.
2. Phone the other side, ask them to read out the fingerprint on their “Settings” page, and type it below.
Only matching fingerprints are trusted; a mismatch means the card may have been swapped.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="80"/>
        <source>尚未选择身份卡</source>
        <translation>No identity card chosen yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="81"/>
        <source>选择身份卡…</source>
        <translation>Choose identity card…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="93"/>
        <source>24 位数字，如 6151 6310 9771 1338 4604 8497</source>
        <translation>24 digits, e.g. 6151 6310 9771 1338 4604 8497</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="98"/>
        <source>{sender}
指纹 {expected}</source>
        <translation>{sender}
fingerprint {expected}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="100"/>
        <source>隔离同步包的发送设备：</source>
        <translation>Sender of the quarantined bundle:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="101"/>
        <source>身份卡：</source>
        <translation>Identity card:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="102"/>
        <source>身份卡上的设备：</source>
        <translation>Device on the card:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="103"/>
        <source>身份卡上的指纹：</source>
        <translation>Fingerprint on the card:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="104"/>
        <source>电话中读出的指纹：</source>
        <translation>Fingerprint read on the phone:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="106"/>
        <source>核对无误，信任</source>
        <translation>They match: trust</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="126"/>
        <source>{who}（乡镇设备）</source>
        <translation>{who} (township device)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="128"/>
        <source>{who}（村设备）</source>
        <translation>{who} (village device)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="148"/>
        <source>请先选择对方的身份卡（.zcid 文件）</source>
        <translation>Choose the other side's identity card (.zcid file) first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="151"/>
        <source>请输入对方在电话中读出的指纹</source>
        <translation>Type the fingerprint read out on the phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="154"/>
        <source>指纹不符：身份卡上的指纹是 {fingerprint}，与电话中读出的 {typed} 不一致。这张卡可能被调换过，未信任</source>
        <translation>The fingerprints differ: the card says {fingerprint}, the phone said {typed}. The card may have been swapped; not trusted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="160"/>
        <source>这张身份卡（指纹 {fingerprint}）不是隔离同步包的发送设备（指纹 {expected}），未信任</source>
        <translation>This identity card (fingerprint {fingerprint}) is not the sender of the quarantined bundle (fingerprint {expected}); not trusted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="178"/>
        <source>正在导入隔离区中这台设备的同步包…</source>
        <translation>Importing this device's bundles from quarantine…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/trust_dialog.py" line="181"/>
        <source>选择身份卡</source>
        <translation>Choose identity card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="40"/>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="43"/>
        <location filename="../../desktop/domain/fields.py" line="20"/>
        <source>村代码</source>
        <extracomment>desktop/domain/fields.py: village.code</extracomment>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="44"/>
        <location filename="../../desktop/domain/fields.py" line="21"/>
        <source>村名</source>
        <extracomment>desktop/domain/fields.py: village.name</extracomment>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="47"/>
        <source>建档立卡户</source>
        <translation>Registered poor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="49"/>
        <source>有短板户</source>
        <translation>With gaps</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="50"/>
        <source>待核实户</source>
        <translation>To verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="54"/>
        <source>最近收到同步包</source>
        <translation>Last bundle in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="56"/>
        <source>来自</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="57"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="58"/>
        <source>缺少的操作</source>
        <translation>Missing changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="65"/>
        <source>完整到</source>
        <translation>Complete to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="123"/>
        <source>从未收到同步包</source>
        <translation>No bundle ever received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="123"/>
        <source>已 {days} 天没有同步包</source>
        <translation>No bundle for {days} days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="144"/>
        <source>{days} 天</source>
        <translation>{days} days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="149"/>
        <source>标出多久没有同步包的村：</source>
        <translation>Mark villages without a bundle for:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="152"/>
        <source>查看范围：</source>
        <translation>Showing:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="167"/>
        <source>只看所选的村</source>
        <translation>Only the selected village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="170"/>
        <source>看全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="174"/>
        <source>把各村汇总（上面的表）导出为 Excel 表格</source>
        <translation>Export the summary of the villages (the table above) as an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="185"/>
        <location filename="../../desktop/ui/villages/page.py" line="336"/>
        <source>所选村的设备</source>
        <translation>Devices of the selected village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="191"/>
        <source>吊销原因（如：笔记本电脑丢失）</source>
        <translation>Reason for revoking (e.g. laptop lost)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="218"/>
        <source>请先在所选村的设备表中选中一台设备。</source>
        <translation>First choose a device in the table of the selected village's devices.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="237"/>
        <source>正在统计各村…（户数较多，请稍候）</source>
        <translation>Counting the villages… (many households, please wait)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="246"/>
        <source>共 {villages} 个村，{households} 户</source>
        <translation>{villages} villages, {households} households</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="251"/>
        <source>各乡镇合计：</source>
        <translation>Totals by township: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="253"/>
        <source>{township} {villages} 个村 {households} 户 {people} 人，有短板 {not_met} 户，待核实 {unknown} 户</source>
        <translation>{township}: {villages} villages, {households} households, {people} people, {not_met} with a shortfall, {unknown} to verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="277"/>
        <source>各村汇总-{day}.xlsx</source>
        <translation>villages-summary-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="279"/>
        <source>导出各村汇总</source>
        <translation>Export the villages' summary</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="299"/>
        <source>其他各页现在只显示{name}。</source>
        <translation>The other pages now show {name} only.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="301"/>
        <source>其他各页现在显示全部村；双击一个村只看它。</source>
        <translation>The other pages now show every village; double-click one to see only it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="336"/>
        <source>{village}的设备</source>
        <translation>Devices of {village}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="344"/>
        <source>还没有</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/villages/page.py" line="344"/>
        <source>第 {n} 条</source>
        <translation>no. {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="22"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="26"/>
        <location filename="../../desktop/ui/visits/page.py" line="381"/>
        <source>后续事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="27"/>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="66"/>
        <source>（{visited_on} 走访时提出）</source>
        <translation> (raised at the visit of {visited_on})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="98"/>
        <source>未定期限</source>
        <translation>No due date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="100"/>
        <source>逾期 {late} 天</source>
        <translation>{late} days overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="101"/>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/follow_up_model.py" line="101"/>
        <source>{days} 天后到期</source>
        <translation>Due in {days} days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="97"/>
        <location filename="../../desktop/ui/visits/page.py" line="378"/>
        <source>走访内容</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="98"/>
        <source>问题和诉求</source>
        <translation>Problems and requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="99"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="146"/>
        <source>共 {n} 次</source>
        <translation>{n} visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="152"/>
        <source>没有待办事项</source>
        <translation>Nothing to do</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="152"/>
        <source>{n} 项，其中逾期 {late} 项</source>
        <translation>{n} items, {late} overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="190"/>
        <source>走访：{label}</source>
        <translation>Visit: {label}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="196"/>
        <source>已保存：{visited_on} {label}</source>
        <translation>Saved: {visited_on} {label}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="245"/>
        <source>上次有一份没有保存的走访（{label}，照片 {n} 张），要恢复到走访表单吗？</source>
        <translation>A visit was left unsaved last time ({label}, {n} photos). Put it back in the visit form?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="246"/>
        <source>未选农户</source>
        <translation>no household chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="271"/>
        <location filename="../../desktop/ui/visits/page.py" line="495"/>
        <source>{action}（{due} 前）</source>
        <translation>{action} (by {due})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="280"/>
        <source>走访记录-{day}.xlsx</source>
        <translation>visits-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="284"/>
        <source>导出走访记录</source>
        <translation>Export visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="297"/>
        <source>完成后续事项：{action}</source>
        <translation>Follow-up done: {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="316"/>
        <source>例如：户主及配偶</source>
        <translation>e.g. the head and spouse</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="317"/>
        <source>了解了什么、核实了什么（必填）</source>
        <translation>What was learned or verified (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="319"/>
        <source>宣讲的政策，可不填</source>
        <translation>Policies explained (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="320"/>
        <source>农户反映的问题和诉求</source>
        <translation>Problems and requests raised by the household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="324"/>
        <source>后续要办的事，回车添加</source>
        <translation>Something to follow up; Enter adds it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="330"/>
        <source>办结期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="341"/>
        <source>选中后按 Delete 移除</source>
        <translation>Select and press Delete to remove</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="352"/>
        <source>已选 {n} 张</source>
        <translation>{n} chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="359"/>
        <source>保存走访（Ctrl+Enter）</source>
        <translation>Save visit (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="374"/>
        <source>走访日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="377"/>
        <source>见到的人</source>
        <translation>People met</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="379"/>
        <source>宣讲政策</source>
        <translation>Policies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="380"/>
        <source>问题诉求</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="385"/>
        <source>记录走访</source>
        <translation>Record a visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="412"/>
        <source>显示全部未办结事项</source>
        <translation>Show all open items</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="414"/>
        <source>标记完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="416"/>
        <source>选中的事项已办结（Ctrl+Z 可撤销）</source>
        <translation>The selected item is done (Ctrl+Z undoes it)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="423"/>
        <source>待办后续事项（已逾期和 {days} 天内到期）</source>
        <translation>Follow-ups overdue or due within {days} days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="446"/>
        <source>在走访记录中查找（户主、户编号、内容、走访人…）</source>
        <translation>Search the visits (head, household no., content, visitors…)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="454"/>
        <source>把本村全部走访记录（含后续事项）导出为 Excel 表格</source>
        <translation>Export every visit of the village (with follow-ups) to an Excel sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="457"/>
        <source>全部走访记录（双击打开农户）</source>
        <translation>All visits (double-click to open the household)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="502"/>
        <source>选择走访照片</source>
        <translation>Choose visit photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="521"/>
        <source>正在保存 {n} 张走访照片…</source>
        <translation>Saving {n} visit photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="527"/>
        <source>{saved}，照片 {stored} 张</source>
        <translation>{saved}, {stored} photos</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visits/page.py" line="531"/>
        <source>走访已保存，但以下照片未能保存：
</source>
        <translation>The visit was saved, but these photos were not:
</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/charts.py" line="55"/>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/household_picker.py" line="29"/>
        <source>输入姓名、拼音首字母或户编号，从列表中选择</source>
        <translation>Type a name, pinyin initials or household no., then pick from the list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/unsaved.py" line="53"/>
        <source>这张表有改动还没有保存，关闭前要保存吗？</source>
        <translation>This form has changes that are not saved. Save them before closing?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/xlsx_export.py" line="20"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="55"/>
        <source>Excel 表格 (*.xlsx);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/xlsx_export.py" line="24"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/xlsx_export.py" line="52"/>
        <source>已导出 {rows} 行到 {path}</source>
        <translation>Exported {rows} rows to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/xlsx_export.py" line="54"/>
        <source>正在导出 Excel…</source>
        <translation>Exporting to Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="56"/>
        <source>表头对应文件 (*.toml);;所有文件 (*)</source>
        <translation>Header mappings (*.toml);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="57"/>
        <source>（自动查找有花名册表头的工作表）</source>
        <translation>(find the sheet with roster headers)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="60"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="174"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="61"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="61"/>
        <source>全表</source>
        <translation>whole sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="62"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="65"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="201"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="419"/>
        <source>提醒</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="66"/>
        <source>新增内容</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="70"/>
        <source>原来的值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="71"/>
        <source>导入后的值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="84"/>
        <source>新户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="85"/>
        <source>新成员</source>
        <translation>New member</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="97"/>
        <source>将新增 {households} 户、{people} 人；将修改 {changed_households} 户、{changed_people} 人（共 {changes} 项）；不变 {same_households} 户、{same_people} 人</source>
        <translation>Will add {households} households, {people} people; will change {changed_households} households, {changed_people} people ({changes} items); unchanged: {same_households} households, {same_people} people</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="102"/>
        <source>已新增 {households} 户、{people} 人；已修改 {changed_households} 户、{changed_people} 人（共 {changes} 项）；不变 {same_households} 户、{same_people} 人</source>
        <translation>Added {households} households, {people} people; changed {changed_households} households, {changed_people} people ({changes} items); unchanged: {same_households} households, {same_people} people</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="123"/>
        <source>从 Excel 导入花名册</source>
        <translation>Import a roster from Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="142"/>
        <source>第 1 步：选择表格</source>
        <translation>Step 1: choose the workbook</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="145"/>
        <source>.xlsx 花名册</source>
        <translation>.xlsx roster</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="157"/>
        <source>可不填：表头写法不认识时，指定表头与字段的对应（.toml）</source>
        <translation>Optional: a mapping of headers to fields (.toml) for headers not recognised</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="162"/>
        <source>检查（试导入，不写入）</source>
        <translation>Check (a dry run, writes nothing)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="173"/>
        <source>表格文件</source>
        <translation>Workbook</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="175"/>
        <source>表头对应</source>
        <translation>Header mapping</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="181"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="417"/>
        <source>第 2 步：检查结果（尚未写入）</source>
        <translation>Step 2: check result (nothing written yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="183"/>
        <source>选择表格后点“检查”：先看会导入什么，再决定是否导入</source>
        <translation>Choose a workbook and click “Check”: see what would be imported, then decide</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="202"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="419"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="203"/>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="419"/>
        <source>修改</source>
        <comment>the changes an import makes</comment>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="205"/>
        <source>另存标出问题的表格…</source>
        <translation>Save sheet with problems marked…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="208"/>
        <source>另存一份表格：有问题的单元格标红，并加一列“问题”，改好后可再导入</source>
        <translation>Save a copy of the sheet with problem cells in red and a “问题” column; import it again once fixed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="220"/>
        <source>第 3 步：导入</source>
        <translation>Step 3: import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="221"/>
        <source>只导入没有问题的户</source>
        <translation>Import only households without problems</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="223"/>
        <source>有问题的户整户不导入，其余照常导入</source>
        <translation>Households with problems are left out whole; the rest are imported</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="225"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="244"/>
        <source>选择花名册</source>
        <translation>Choose the roster</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="251"/>
        <source>选择表头对应文件</source>
        <translation>Choose the header mapping</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="275"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="276"/>
        <source>正在检查表格…</source>
        <translation>Checking the workbook…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="291"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="292"/>
        <source>正在导入花名册…</source>
        <translation>Importing the roster…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="302"/>
        <source>另存标出问题的表格</source>
        <translation>Save sheet with problems marked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="319"/>
        <source>正在另存问题表格…</source>
        <translation>Saving the sheet with problems…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="321"/>
        <source>已另存：{saved}</source>
        <translation>Saved: {saved}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="342"/>
        <source>检查没有完成，未写入任何数据</source>
        <translation>The check did not finish; nothing was written</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="344"/>
        <source>导入没有完成</source>
        <translation>The import did not finish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="352"/>
        <source>第 {first} 行</source>
        <translation>row {first}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="354"/>
        <source>第 {first}–{last} 行</source>
        <translation>rows {first}–{last}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="356"/>
        <source>工作表“{sheet}”：表头在{header}，数据 {rows_read} 行。</source>
        <translation>Sheet “{sheet}”: headers in {header}, {rows_read} rows of data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="360"/>
        <source>没有发现问题。</source>
        <translation>No problems found. </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="362"/>
        <source>发现 {n} 处问题，其中有整张表的问题：改正表格后重新检查。</source>
        <translation>{n} problems found, some about the whole sheet: fix the workbook and check again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="366"/>
        <source>发现 {n} 处问题：改正后重新检查，或勾选“只导入没有问题的户”（{left_out} 户不导入）。没有问题的户：</source>
        <translation>{n} problems found: fix them and check again, or tick “Import only households without problems” ({left_out} households left out). The households without problems: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="370"/>
        <source>另有 {n} 条提醒，不影响导入，请看“提醒”。</source>
        <translation>Also {n} warnings that do not stop the import: see “Warnings”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="378"/>
        <source>有问题的户不会导入</source>
        <translation>Households with problems will not be imported</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="385"/>
        <source>表格有问题，未导入任何数据：请重新检查</source>
        <translation>The workbook has problems; nothing was imported: please check again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="390"/>
        <source>第 2 步：检查结果（已写入台账）</source>
        <translation>Step 2: check result (written to the ledger)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="391"/>
        <source>已写入台账。</source>
        <translation>Written to the ledger. </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="392"/>
        <source>导入完成：</source>
        <translation>Import done: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="401"/>
        <source>未导入的列 {line}</source>
        <translation>Column not imported: {line}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="402"/>
        <source>说明：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="403"/>
        <source>有问题，不导入：{name}</source>
        <translation>Problems, not imported: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="405"/>
        <source>问题（{n}）</source>
        <translation>Problems ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="406"/>
        <source>提醒（{n}）</source>
        <translation>Warnings ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="407"/>
        <source>新增（{n}）</source>
        <translation>Added ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="408"/>
        <source>修改（{n}）</source>
        <translation>Changes ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="409"/>
        <source>说明（{n}）</source>
        <translation>Notes ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/xlsx_import/dialog.py" line="428"/>
        <source>表格已更换：请重新检查</source>
        <translation>The workbook changed: please check again</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="13"/>
        <source>走访后续事项</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['follow_up'] (a kind of record)</extracomment>
        <translation>Visit follow-ups</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="14"/>
        <source>农户变动</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['household_event'] (a kind of record)</extracomment>
        <translation>Household changes</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="14"/>
        <source>驻村日志</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['work_log'] (a kind of record)</extracomment>
        <translation>Work log</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="15"/>
        <source>村年度指标</source>
        <extracomment>desktop/domain/fields.py: TABLE_LABELS['village_indicator'] (a kind of record)</extracomment>
        <translation>Village yearly indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="22"/>
        <source>省</source>
        <extracomment>desktop/domain/fields.py: village.province</extracomment>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="23"/>
        <source>市</source>
        <extracomment>desktop/domain/fields.py: village.city</extracomment>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="24"/>
        <source>县</source>
        <extracomment>desktop/domain/fields.py: village.county</extracomment>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="26"/>
        <source>乡镇代码</source>
        <extracomment>desktop/domain/fields.py: village.township_code</extracomment>
        <translation>Township code</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="27"/>
        <source>海拔</source>
        <extracomment>desktop/domain/fields.py: village.altitude_m</extracomment>
        <translation>Altitude</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="29"/>
        <location filename="../../desktop/domain/fields.py" line="36"/>
        <source>自然村</source>
        <extracomment>desktop/domain/fields.py: village.natural_villages, household.natural_village</extracomment>
        <translation>Natural village</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="30"/>
        <source>西部地区</source>
        <extracomment>desktop/domain/fields.py: village.west</extracomment>
        <translation>Western region</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="33"/>
        <source>所属村</source>
        <extracomment>desktop/domain/fields.py: household.village_id</extracomment>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="37"/>
        <source>住址</source>
        <extracomment>desktop/domain/fields.py: household.address</extracomment>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="39"/>
        <source>银行账号</source>
        <extracomment>desktop/domain/fields.py: household.bank_account</extracomment>
        <translation>Bank account</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="40"/>
        <source>识别标准</source>
        <extracomment>desktop/domain/fields.py: household.standard</extracomment>
        <translation>Identification standard</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="43"/>
        <source>识别年度</source>
        <extracomment>desktop/domain/fields.py: household.identified_year</extracomment>
        <translation>Year identified</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="44"/>
        <source>脱贫年度</source>
        <extracomment>desktop/domain/fields.py: household.exit_year</extracomment>
        <translation>Exit year</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="45"/>
        <source>主要致贫原因</source>
        <extracomment>desktop/domain/fields.py: household.main_cause</extracomment>
        <translation>Main cause of poverty</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="46"/>
        <source>其他致贫原因</source>
        <extracomment>desktop/domain/fields.py: household.other_causes</extracomment>
        <translation>Other causes of poverty</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="47"/>
        <source>军烈属</source>
        <extracomment>desktop/domain/fields.py: household.military_family</extracomment>
        <translation>Military or martyr family</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="48"/>
        <source>加入合作社</source>
        <extracomment>desktop/domain/fields.py: household.coop_member</extracomment>
        <translation>Cooperative member</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="49"/>
        <source>住房面积</source>
        <extracomment>desktop/domain/fields.py: household.house_area</extracomment>
        <translation>Floor area</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="50"/>
        <source>住房结构</source>
        <extracomment>desktop/domain/fields.py: household.house_structure</extracomment>
        <translation>House structure</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="51"/>
        <source>建房年份</source>
        <extracomment>desktop/domain/fields.py: household.house_built_year</extracomment>
        <translation>Year built</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="52"/>
        <source>住房鉴定等级</source>
        <extracomment>desktop/domain/fields.py: household.house_grade</extracomment>
        <translation>Housing safety grade</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="53"/>
        <source>鉴定单位</source>
        <extracomment>desktop/domain/fields.py: household.house_appraiser</extracomment>
        <translation>Appraised by</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="54"/>
        <source>鉴定日期</source>
        <extracomment>desktop/domain/fields.py: household.house_appraised_on</extracomment>
        <translation>Appraisal date</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="55"/>
        <source>危改年份</source>
        <extracomment>desktop/domain/fields.py: household.renovation_year</extracomment>
        <translation>Renovation year</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="56"/>
        <source>危改补助</source>
        <extracomment>desktop/domain/fields.py: household.renovation_subsidy</extracomment>
        <translation>Renovation subsidy</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="57"/>
        <source>搬迁安置方式</source>
        <extracomment>desktop/domain/fields.py: household.relocation_mode</extracomment>
        <translation>Relocation type</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="59"/>
        <source>搬迁入住日期</source>
        <extracomment>desktop/domain/fields.py: household.relocation_date</extracomment>
        <translation>Move-in date</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="60"/>
        <source>饮水水源</source>
        <extracomment>desktop/domain/fields.py: household.water_source</extracomment>
        <translation>Water source</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="61"/>
        <source>人均日用水量</source>
        <extracomment>desktop/domain/fields.py: household.water_lpd</extracomment>
        <translation>Water per person per day</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="62"/>
        <source>水质达标</source>
        <extracomment>desktop/domain/fields.py: household.water_quality_ok</extracomment>
        <translation>Water quality meets standard</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="63"/>
        <source>取水往返时间</source>
        <extracomment>desktop/domain/fields.py: household.water_fetch_minutes</extracomment>
        <translation>Water-fetching round trip</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="64"/>
        <source>年断水天数</source>
        <extracomment>desktop/domain/fields.py: household.water_days_without</extracomment>
        <translation>Days without water a year</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="65"/>
        <source>缺水地区</source>
        <extracomment>desktop/domain/fields.py: household.water_short_area</extracomment>
        <translation>Water-scarce area</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="66"/>
        <location filename="../../desktop/domain/enums.py" line="138"/>
        <source>饮水安全</source>
        <extracomment>desktop/domain/fields.py: household.water_safe; desktop/domain/enums.py: Dimension.WATER (a checklist item)</extracomment>
        <translation>Safe drinking water</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="67"/>
        <source>饮水困难</source>
        <extracomment>desktop/domain/fields.py: household.water_difficult</extracomment>
        <translation>Drinking-water difficulty</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="68"/>
        <source>通生活用电</source>
        <extracomment>desktop/domain/fields.py: household.has_power</extracomment>
        <translation>Household electricity</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="69"/>
        <source>通生产用电</source>
        <extracomment>desktop/domain/fields.py: household.production_power</extracomment>
        <translation>Electricity for production</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="70"/>
        <source>通广播电视</source>
        <extracomment>desktop/domain/fields.py: household.tv</extracomment>
        <translation>Radio and TV</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="71"/>
        <source>距主干路里程</source>
        <extracomment>desktop/domain/fields.py: household.road_distance_km</extracomment>
        <translation>Distance to main road</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="72"/>
        <source>燃料类型</source>
        <extracomment>desktop/domain/fields.py: household.fuel</extracomment>
        <translation>Fuel type</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="73"/>
        <source>厕所</source>
        <extracomment>desktop/domain/fields.py: household.toilet</extracomment>
        <translation>Toilet</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="74"/>
        <source>耕地面积</source>
        <extracomment>desktop/domain/fields.py: household.farmland_mu</extracomment>
        <translation>Farmland area</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="75"/>
        <source>有效灌溉面积</source>
        <extracomment>desktop/domain/fields.py: household.irrigated_mu</extracomment>
        <translation>Irrigated area</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="76"/>
        <source>林地面积</source>
        <extracomment>desktop/domain/fields.py: household.forest_mu</extracomment>
        <translation>Forest land area</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="77"/>
        <source>退耕还林面积</source>
        <extracomment>desktop/domain/fields.py: household.grain_to_forest_mu</extracomment>
        <translation>Farmland returned to forest</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="78"/>
        <source>牧草地面积</source>
        <extracomment>desktop/domain/fields.py: household.pasture_mu</extracomment>
        <translation>Pasture area</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="79"/>
        <source>退出程序</source>
        <extracomment>desktop/domain/fields.py: household.exit_steps</extracomment>
        <translation>Exit procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="81"/>
        <source>已注销</source>
        <extracomment>desktop/domain/fields.py: household.archived</extracomment>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="85"/>
        <location filename="../../desktop/domain/fields.py" line="119"/>
        <source>所属户</source>
        <extracomment>desktop/domain/fields.py: member.household_id, assessment.household_id</extracomment>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="86"/>
        <source>人编号</source>
        <extracomment>desktop/domain/fields.py: member.number</extracomment>
        <translation>Person no.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="91"/>
        <source>民族</source>
        <extracomment>desktop/domain/fields.py: member.ethnicity</extracomment>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="92"/>
        <source>政治面貌</source>
        <extracomment>desktop/domain/fields.py: member.political_status</extracomment>
        <translation>Political affiliation</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="93"/>
        <source>出生日期</source>
        <extracomment>desktop/domain/fields.py: member.birth_date</extracomment>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="94"/>
        <source>文化程度</source>
        <extracomment>desktop/domain/fields.py: member.education</extracomment>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="95"/>
        <source>在校生状况</source>
        <extracomment>desktop/domain/fields.py: member.schooling</extracomment>
        <translation>Schooling</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="96"/>
        <source>就读学校</source>
        <extracomment>desktop/domain/fields.py: member.school_name</extracomment>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="97"/>
        <source>健康状况</source>
        <extracomment>desktop/domain/fields.py: member.health</extracomment>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="98"/>
        <source>残疾类别等级</source>
        <extracomment>desktop/domain/fields.py: member.disability</extracomment>
        <translation>Disability type and grade</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="99"/>
        <source>劳动技能</source>
        <extracomment>desktop/domain/fields.py: member.labour</extracomment>
        <translation>Work ability</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="100"/>
        <source>务工状况</source>
        <extracomment>desktop/domain/fields.py: member.work_status</extracomment>
        <translation>Work away from home</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="101"/>
        <source>务工时间</source>
        <extracomment>desktop/domain/fields.py: member.work_months</extracomment>
        <translation>Months worked</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="102"/>
        <source>参加城乡居民基本医疗保险</source>
        <extracomment>desktop/domain/fields.py: member.medical_insurance</extracomment>
        <translation>Basic medical insurance</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="103"/>
        <source>参加大病保险</source>
        <extracomment>desktop/domain/fields.py: member.serious_illness_insurance</extracomment>
        <translation>Critical illness insurance</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="104"/>
        <source>参加城乡居民基本养老保险</source>
        <extracomment>desktop/domain/fields.py: member.pension_insurance</extracomment>
        <translation>Basic pension insurance</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="105"/>
        <source>签约家庭医生</source>
        <extracomment>desktop/domain/fields.py: member.family_doctor</extracomment>
        <translation>Family doctor signed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="106"/>
        <source>慢病卡</source>
        <extracomment>desktop/domain/fields.py: member.chronic_card</extracomment>
        <translation>Chronic illness card</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="107"/>
        <source>享受低保</source>
        <extracomment>desktop/domain/fields.py: member.dibao</extracomment>
        <translation>Receives minimum living allowance</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="108"/>
        <source>特困供养</source>
        <extracomment>desktop/domain/fields.py: member.tekun</extracomment>
        <translation>Extreme poverty support</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="109"/>
        <source>现役军人</source>
        <extracomment>desktop/domain/fields.py: member.soldier</extracomment>
        <translation>Serving soldier</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="111"/>
        <source>减员日期</source>
        <extracomment>desktop/domain/fields.py: member.left_on</extracomment>
        <translation>Date removed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="113"/>
        <source>已减员</source>
        <extracomment>desktop/domain/fields.py: member.archived</extracomment>
        <translation>Removed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="114"/>
        <source>减员原因</source>
        <extracomment>desktop/domain/fields.py: member.archive_reason</extracomment>
        <translation>Reason removed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="120"/>
        <source>主粮充足</source>
        <extracomment>desktop/domain/fields.py: assessment.food_staple_ok</extracomment>
        <translation>Enough staple food</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="120"/>
        <source>有肉蛋奶豆</source>
        <extracomment>desktop/domain/fields.py: assessment.food_protein_ok</extracomment>
        <translation>Has meat, eggs, milk or beans</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="120"/>
        <source>四季衣物齐备</source>
        <extracomment>desktop/domain/fields.py: assessment.clothes_seasonal_ok</extracomment>
        <translation>Clothes for every season</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="121"/>
        <source>被褥充足</source>
        <extracomment>desktop/domain/fields.py: assessment.clothes_bedding_ok</extracomment>
        <translation>Enough bedding</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>不愁吃核查结论</source>
        <extracomment>desktop/domain/fields.py: assessment.food_answer</extracomment>
        <translation>Enough food: verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>不愁吃核查依据</source>
        <extracomment>desktop/domain/fields.py: assessment.food_evidence</extracomment>
        <translation>Enough food: evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>不愁穿核查结论</source>
        <extracomment>desktop/domain/fields.py: assessment.clothes_answer</extracomment>
        <translation>Enough clothing: verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>不愁穿核查依据</source>
        <extracomment>desktop/domain/fields.py: assessment.clothes_evidence</extracomment>
        <translation>Enough clothing: evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>义务教育核查结论</source>
        <extracomment>desktop/domain/fields.py: assessment.education_answer</extracomment>
        <translation>Compulsory education: verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>义务教育核查依据</source>
        <extracomment>desktop/domain/fields.py: assessment.education_evidence</extracomment>
        <translation>Compulsory education: evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>基本医疗核查结论</source>
        <extracomment>desktop/domain/fields.py: assessment.medical_answer</extracomment>
        <translation>Basic medical care: verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>基本医疗核查依据</source>
        <extracomment>desktop/domain/fields.py: assessment.medical_evidence</extracomment>
        <translation>Basic medical care: evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>住房安全核查结论</source>
        <extracomment>desktop/domain/fields.py: assessment.housing_answer</extracomment>
        <translation>Safe housing: verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>住房安全核查依据</source>
        <extracomment>desktop/domain/fields.py: assessment.housing_evidence</extracomment>
        <translation>Safe housing: evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>饮水安全核查结论</source>
        <extracomment>desktop/domain/fields.py: assessment.water_answer</extracomment>
        <translation>Safe drinking water: verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="118"/>
        <source>饮水安全核查依据</source>
        <extracomment>desktop/domain/fields.py: assessment.water_evidence</extracomment>
        <translation>Safe drinking water: evidence</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="134"/>
        <source>财产性收入</source>
        <extracomment>desktop/domain/fields.py: income.property</extracomment>
        <translation>Property income</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="135"/>
        <source>转移性收入</source>
        <extracomment>desktop/domain/fields.py: income.transfer</extracomment>
        <translation>Transfer income</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="136"/>
        <source>计划生育金</source>
        <extracomment>desktop/domain/fields.py: income.transfer_family_planning</extracomment>
        <translation>Family planning allowance</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="137"/>
        <source>低保金</source>
        <extracomment>desktop/domain/fields.py: income.transfer_dibao</extracomment>
        <translation>Minimum living allowance</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="138"/>
        <source>特困供养金</source>
        <extracomment>desktop/domain/fields.py: income.transfer_tekun</extracomment>
        <translation>Extreme poverty support payments</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="139"/>
        <source>养老金</source>
        <extracomment>desktop/domain/fields.py: income.transfer_pension</extracomment>
        <translation>Pension</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="140"/>
        <source>生态补偿金</source>
        <extracomment>desktop/domain/fields.py: income.transfer_eco</extracomment>
        <translation>Ecological compensation</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="141"/>
        <source>其他转移性收入</source>
        <extracomment>desktop/domain/fields.py: income.transfer_other</extracomment>
        <translation>Other transfers</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="150"/>
        <source>资金</source>
        <extracomment>desktop/domain/fields.py: measure.funds</extracomment>
        <translation>Funds</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="153"/>
        <source>预计增收</source>
        <extracomment>desktop/domain/fields.py: measure.expected_gain</extracomment>
        <translation>Expected income gain</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="155"/>
        <source>成效户主签字</source>
        <extracomment>desktop/domain/fields.py: measure.result_signed</extracomment>
        <translation>Signed by head of household</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="158"/>
        <source>帮扶责任人姓名</source>
        <extracomment>desktop/domain/fields.py: pairing.helper_name</extracomment>
        <translation>Helper's name</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="163"/>
        <source>帮扶开始日期</source>
        <extracomment>desktop/domain/fields.py: pairing.start_on</extracomment>
        <translation>Helping since</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="164"/>
        <source>帮扶结束日期</source>
        <extracomment>desktop/domain/fields.py: pairing.end_on</extracomment>
        <translation>Helping until</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="171"/>
        <source>已批准</source>
        <extracomment>desktop/domain/fields.py: work_log.leave_approved</extracomment>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/fields.py" line="175"/>
        <source>截止日期</source>
        <extracomment>desktop/domain/fields.py: work_log.until</extracomment>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/enums.py" line="133"/>
        <source>不愁吃</source>
        <extracomment>desktop/domain/enums.py: Dimension.FOOD (a checklist item)</extracomment>
        <translation>Enough food</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/enums.py" line="134"/>
        <source>不愁穿</source>
        <extracomment>desktop/domain/enums.py: Dimension.CLOTHING (a checklist item)</extracomment>
        <translation>Enough clothing</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/enums.py" line="135"/>
        <source>义务教育</source>
        <extracomment>desktop/domain/enums.py: Dimension.EDUCATION (a checklist item)</extracomment>
        <translation>Compulsory education</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/enums.py" line="136"/>
        <source>基本医疗</source>
        <extracomment>desktop/domain/enums.py: Dimension.MEDICAL (a checklist item)</extracomment>
        <translation>Basic medical care</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/enums.py" line="137"/>
        <source>住房安全</source>
        <extracomment>desktop/domain/enums.py: Dimension.HOUSING (a checklist item)</extracomment>
        <translation>Safe housing</translation>
    </message>
    <message>
        <source>  {shown} 条　在监测 {monitored} 户</source>
        <translation type="obsolete">{shown} records, {monitored} households monitored</translation>
    </message>
    <message>
        <source>上次导出：{out}　上次导入：{came}　未同步修改：{unsynced} 条</source>
        <translation type="obsolete">Last export: {out}  Last import: {came}  Unsynced changes: {unsynced}</translation>
    </message>
    <message>
        <source>使用人：{user}</source>
        <translation type="obsolete">User: {user}</translation>
    </message>
    <message>
        <source>参加医保</source>
        <translation type="obsolete">Medical insurance</translation>
    </message>
    <message>
        <source>所需在村天数尚未设置（由乡镇在 设置 → 政策标准 中设定）</source>
        <translation type="obsolete">Required days in the village not set yet (the township sets them in Settings → Policy figures)</translation>
    </message>
    <message>
        <source>搜索姓名、拼音首字母、户编号、身份证号或电话</source>
        <translation type="obsolete">Search name, pinyin initials, household no., ID number or phone</translation>
    </message>
    <message>
        <source>预览 {name} 的前 {count} 页（共 {pages} 页）</source>
        <translation type="obsolete">Preview of {name}: first {count} pages (of {pages})</translation>
    </message>
    <message>
        <source>预览 {name} 的第 1 页（共 {pages} 页）</source>
        <translation type="obsolete">Preview of {name}: page 1 (of {pages})</translation>
    </message>
    <message>
        <source>预览前 {count} 页（共 {pages} 页）</source>
        <translation type="obsolete">Preview: first {count} pages (of {pages})</translation>
    </message>
    <message>
        <source>预览第 1 页（共 {pages} 页）</source>
        <translation type="obsolete">Preview: page 1 (of {pages})</translation>
    </message>
</context>
</TS>
