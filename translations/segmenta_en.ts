<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms only (one / many) for the messages counted with %n; every other English text is the
     source text itself. Kept by hand: add a message here with each new tr("…%n…", nullptr, n). -->
<TS version="2.1" language="en">
<context>
    <name>segmenta::exporting::MemberExporter</name>
    <message numerus="yes">
        <source>Exported %n member(s) to %1</source>
        <translation>
            <numerusform>Exported %n member to %1</numerusform>
            <numerusform>Exported %n members to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ConditionRow</name>
    <message numerus="yes">
        <source>Cleared %1: not a value of %2</source>
        <translation>
            <numerusform>Cleared %1: not a value of %2</numerusform>
            <numerusform>Cleared %1: not values of %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::CustomersView</name>
    <message numerus="yes">
        <source>Export %n Selected…</source>
        <translation>
            <numerusform>Export %n Selected…</numerusform>
            <numerusform>Export %n Selected…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers match</source>
        <translation>
            <numerusform>%Ln customer matches</numerusform>
            <numerusform>%Ln customers match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::DashboardPanel</name>
    <message numerus="yes">
        <source>%Ln customers</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ExperimentReportWriter</name>
    <message numerus="yes">
        <source>started %1 · orders dated %2 to %3 (%n day(s)) · made %4</source>
        <translation>
            <numerusform>started %1 · orders dated %2 to %3 (%n day) · made %4</numerusform>
            <numerusform>started %1 · orders dated %2 to %3 (%n days) · made %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ExportDialog</name>
    <message numerus="yes">
        <source>%n file(s) already exist:
%1

Replace them?</source>
        <translation>
            <numerusform>A file already exists:
%1

Replace it?</numerusform>
            <numerusform>%n files already exist:
%1

Replace them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n selected customers</source>
        <translation>
            <numerusform>%n selected customer</numerusform>
            <numerusform>%n selected customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers match</source>
        <translation>
            <numerusform>%Ln customer matches</numerusform>
            <numerusform>%Ln customers match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ImportRunPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln&lt;/b&gt; customers</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; customer</numerusform>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln&lt;/b&gt; orders</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; order</numerusform>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out: %Ln rows, because:</source>
        <translation>
            <numerusform>Left out: %Ln row, because:</numerusform>
            <numerusform>Left out: %Ln rows, because:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln rows)</source>
        <translation>
            <numerusform>%1 (%Ln row)</numerusform>
            <numerusform>%1 (%Ln rows)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other reasons (see the rows below)</source>
        <translation>
            <numerusform>%Ln other reason (see the rows below)</numerusform>
            <numerusform>%Ln other reasons (see the rows below)</numerusform>
        </translation>
    </message>
</context>
</TS>
