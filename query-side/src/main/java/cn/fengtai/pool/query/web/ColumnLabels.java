package cn.fengtai.pool.query.web;

import java.util.Map;

/** The Chinese heading of each column the exports use, as district staff read them; unknown names stay as they are. */
final class ColumnLabels {

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("id", "编号"), Map.entry("street", "街镇"), Map.entry("streetName", "街镇名称"),
            Map.entry("name", "名称"), Map.entry("filed", "申报数"), Map.entry("listed", "入库数"),
            Map.entry("completed", "完成数"), Map.entry("completionRate", "完成率"), Map.entry("fundedAmount", "资金额"),
            Map.entry("overdue", "逾期数"), Map.entry("figure", "指标"), Map.entry("value", "数值"),
            Map.entry("issueType", "诉求类型"), Map.entry("issueTypeName", "诉求类型名称"), Map.entry("period", "期间"),
            Map.entry("count", "诉求量"), Map.entry("previousCount", "上年同期诉求量"), Map.entry("change", "同比变化"),
            Map.entry("months", "月数"), Map.entry("recordedMonths", "已录入月数"),
            Map.entry("previousRecordedMonths", "上年已录入月数"), Map.entry("missingMonths", "缺失月份"),
            Map.entry("share", "占全区比例"), Map.entry("projects", "项目"), Map.entry("covered", "已有项目"),
            Map.entry("department", "部门"), Map.entry("summoned", "吹哨次数"), Map.entry("reportedIn", "报到次数"),
            Map.entry("pending", "待报到"), Map.entry("medianDaysToReportIn", "报到天数中位数"),
            Map.entry("maxDaysToReportIn", "最长报到天数"), Map.entry("oldestPendingDays", "最久待报到天数"),
            Map.entry("scope", "范围"), Map.entry("code", "代码"), Map.entry("budget", "预算"),
            Map.entry("allocated", "已分配"), Map.entry("remaining", "剩余"), Map.entry("spent", "已支出"),
            Map.entry("sequence", "序号"), Map.entry("position", "位置"), Map.entry("type", "事件类型"),
            Map.entry("recordedAt", "记录时间"), Map.entry("effectiveDate", "业务日期"), Map.entry("actorUser", "操作人"),
            Map.entry("actorRole", "角色"), Map.entry("actorStreet", "操作街镇"), Map.entry("actorDepartment", "操作部门"),
            Map.entry("comment", "备注"), Map.entry("data", "内容"), Map.entry("community", "社区"),
            Map.entry("title", "项目名称"), Map.entry("category", "类别"), Map.entry("categoryName", "类别名称"),
            Map.entry("issueTypes", "诉求类型"), Map.entry("channel", "来源渠道"), Map.entry("status", "状态"),
            Map.entry("batches", "批次"), Map.entry("currentBatch", "当前批次"), Map.entry("responsibleUnit", "责任单位"),
            Map.entry("deadline", "完成时限"), Map.entry("estimatedCost", "预计投资"), Map.entry("actualCost", "实际投资"),
            Map.entry("progress", "进度"), Map.entry("filedOn", "申报日期"), Map.entry("completedOn", "完成日期"),
            Map.entry("rating", "评价"), Map.entry("carriedOver", "结转"), Map.entry("issueTypeNames", "诉求类型名称"),
            Map.entry("channelName", "来源渠道名称"), Map.entry("statusName", "状态名称"));

    private ColumnLabels() {
    }

    static String zh(String name) {
        if (ZH.containsKey(name)) return ZH.get(name);
        // "HOUSING listed", "impact FELL": a code and a known column
        int space = name.lastIndexOf(' ');
        if (space > 0 && ZH.containsKey(name.substring(space + 1))) {
            return name.substring(0, space) + " " + ZH.get(name.substring(space + 1));
        }
        return name;
    }
}
