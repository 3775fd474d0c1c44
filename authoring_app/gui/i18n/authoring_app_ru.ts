<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AnswerEditor</name>
    <message>
        <location filename="../editor.py" line="68" />
        <source>● Unsaved changes</source>
        <translation>● Есть несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../editor.py" line="74" />
        <source>The question, as a heading people understand</source>
        <translation>Вопрос — заголовком, понятным людям</translation>
    </message>
    <message>
        <location filename="../editor.py" line="78" />
        <source>How people ask</source>
        <translation>Как спрашивают</translation>
    </message>
    <message>
        <location filename="../editor.py" line="78" />
        <source>Another way people ask it, then Enter</source>
        <translation>Ещё вариант вопроса, затем Enter</translation>
    </message>
    <message>
        <location filename="../editor.py" line="82" />
        <source>A short reply that fits one chat message</source>
        <translation>Короткий ответ, который помещается в одно сообщение</translation>
    </message>
    <message>
        <location filename="../editor.py" line="88" />
        <source>When to get help urgently</source>
        <translation>Когда нужна срочная помощь</translation>
    </message>
    <message>
        <location filename="../editor.py" line="89" />
        <source>A danger sign, then Enter</source>
        <translation>Опасный признак, затем Enter</translation>
    </message>
    <message>
        <location filename="../editor.py" line="94" />
        <source>words for search, separated by commas</source>
        <translation>слова для поиска через запятую</translation>
    </message>
    <message>
        <location filename="../editor.py" line="98" />
        <source>The full answer. Use ## for headings, - for lists, **bold**, and</source>
        <translation>Полный ответ. ## — заголовок, - — список, **жирный**, а</translation>
    </message>
    <message>
        <location filename="../editor.py" line="100" />
        <source>for a service from the directory.</source>
        <translation>— служба из справочника.</translation>
    </message>
    <message>
        <location filename="../editor.py" line="111" />
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../editor.py" line="112" />
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../editor.py" line="113" />
        <source>Short reply</source>
        <translation>Краткий ответ</translation>
    </message>
    <message>
        <location filename="../editor.py" line="114" />
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location filename="../editor.py" line="117" />
        <source>&amp;Title</source>
        <translation>&amp;Заголовок</translation>
    </message>
    <message>
        <location filename="../editor.py" line="118" />
        <source>T&amp;opic</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <location filename="../editor.py" line="122" />
        <source>Short &amp;reply (for chat)</source>
        <translation>&amp;Краткий ответ (для чата)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="124" />
        <source>How people &amp;ask it</source>
        <translation>Как &amp;спрашивают</translation>
    </message>
    <message>
        <location filename="../editor.py" line="126" />
        <source>Who can see it</source>
        <translation>Кому видно</translation>
    </message>
    <message>
        <location filename="../editor.py" line="130" />
        <source>When to get help &amp;urgently</source>
        <translation>Когда &amp;нужна срочная помощь</translation>
    </message>
    <message>
        <location filename="../editor.py" line="133" />
        <source>Re&amp;fer to</source>
        <translation>К&amp;уда направить</translation>
    </message>
    <message>
        <location filename="../editor.py" line="134" />
        <source>&amp;Sources</source>
        <translation>&amp;Источники</translation>
    </message>
    <message>
        <location filename="../editor.py" line="135" />
        <source>Ta&amp;gs</source>
        <translation>&amp;Метки</translation>
    </message>
    <message>
        <location filename="../editor.py" line="151" />
        <source>Full &amp;answer (Markdown)</source>
        <translation>&amp;Полный ответ (Markdown)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="156" />
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../editor.py" line="250" />
        <source>Choose an answer on the left, or make a new one.</source>
        <translation>Выберите ответ слева или создайте новый.</translation>
    </message>
    <message>
        <location filename="../editor.py" line="321" />
        <source>%1 of %2 characters</source>
        <translation>%1 из %2 знаков</translation>
    </message>
    <message>
        <location filename="../editor.py" line="324" />
        <source>too long for one message</source>
        <translation>не помещается в одно сообщение</translation>
    </message>
    <message>
        <location filename="../editor.py" line="367" />
        <source>(translated from %1)</source>
        <translation>(перевод, оригинал: %1)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="373" />
        <source>language: %1</source>
        <translation>язык: %1</translation>
    </message>
    <message>
        <location filename="../editor.py" line="376" />
        <source>new, not saved yet</source>
        <translation>новый, ещё не сохранён</translation>
    </message>
</context>
<context>
    <name>AnswerTreeModel</name>
    <message>
        <location filename="../library_list.py" line="149" />
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="150" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="151" />
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="152" />
        <source>Last edited by</source>
        <translation>Последняя правка</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="153" />
        <source>Review due</source>
        <translation>Перепроверить до</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="211" />
        <source>edited by %1</source>
        <translation>правка: %1</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="213" />
        <source>review due %1</source>
        <translation>перепроверить до %1</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <location filename="../ask.py" line="19" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../ask.py" line="21" />
        <source>You have changed “%1” and not saved it.</source>
        <translation>Вы изменили «%1» и не сохранили.</translation>
    </message>
    <message>
        <location filename="../ask.py" line="25" />
        <source>Save your changes before going on?</source>
        <translation>Сохранить изменения, прежде чем продолжить?</translation>
    </message>
    <message>
        <location filename="../ask.py" line="27" />
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../ask.py" line="30" />
        <source>&amp;Don't save</source>
        <translation>&amp;Не сохранять</translation>
    </message>
    <message>
        <location filename="../ask.py" line="32" />
        <location filename="../ask.py" line="47" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../ask.py" line="58" />
        <source>Unsaved text found</source>
        <translation>Найден несохранённый текст</translation>
    </message>
    <message>
        <location filename="../ask.py" line="60" />
        <source>The app stopped before your changes to “%1” were saved (%2).</source>
        <translation>Программа закрылась до того, как изменения в «%1» были сохранены (%2).</translation>
    </message>
    <message>
        <location filename="../ask.py" line="66" />
        <source>Bring back the unsaved text?</source>
        <translation>Вернуть несохранённый текст?</translation>
    </message>
    <message>
        <location filename="../ask.py" line="68" />
        <source>&amp;Bring it back</source>
        <translation>&amp;Вернуть</translation>
    </message>
    <message>
        <location filename="../ask.py" line="71" />
        <source>&amp;Throw it away</source>
        <translation>&amp;Выбросить</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../checks_panel.py" line="38" />
        <source>This field is missing or not filled in correctly</source>
        <translation>Поле не заполнено или заполнено неправильно</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="41" />
        <source>Say when to get in-person or emergency care</source>
        <translation>Напишите, когда нужно идти к врачу или вызывать скорую</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="44" />
        <source>Refers to a service that is not in the directory</source>
        <translation>Ссылка на службу, которой нет в справочнике</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="47" />
        <source>A phone number is typed into the text</source>
        <translation>В текст вписан номер телефона</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="50" />
        <source>The short reply does not fit one Telegram message</source>
        <translation>Краткий ответ не помещается в одно сообщение Telegram</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="53" />
        <source>HTML code is not allowed; use Markdown</source>
        <translation>HTML-код нельзя; используйте Markdown</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="54" />
        <source>No sources listed</source>
        <translation>Не указаны источники</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="55" />
        <source>The topic is not in this library</source>
        <translation>Такой темы нет в этой библиотеке</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="56" />
        <source>The language is not in this library</source>
        <translation>Такого языка нет в этой библиотеке</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="59" />
        <source>The answer id, topic or language does not match its file</source>
        <translation>Идентификатор, тема или язык ответа не совпадают с его файлом</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../checks_panel.py" line="76" />
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="81" />
        <source>Click a check (or press Enter on it) to go to the field.</source>
        <translation>Щёлкните по строке проверки (или нажмите на ней Enter), чтобы перейти к полю.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="98" />
        <source>Open an answer to see its checks.</source>
        <translation>Откройте ответ, чтобы увидеть проверки.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="107" />
        <source>All checks pass.</source>
        <translation>Все проверки пройдены.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="110" />
        <source>The checks run as you type: required fields, danger signs, phone numbers typed into the text, services missing from the directory, sources, and whether the short reply fits one Telegram message.</source>
        <translation>Проверки идут прямо во время набора: обязательные поля, опасные признаки, номера телефонов в тексте, службы, которых нет в справочнике, источники и то, помещается ли краткий ответ в одно сообщение Telegram.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="118" />
        <source>%1 to fix, %2 to consider</source>
        <translation>Исправить: %1, обратить внимание: %2</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="127" />
        <source>Fix</source>
        <translation>Исправить</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="127" />
        <source>Consider</source>
        <translation>Обратите внимание</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../checks_panel.py" line="18" />
        <source>Answer id</source>
        <translation>Идентификатор ответа</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="19" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="20" />
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="21" />
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="22" />
        <source>How people ask</source>
        <translation>Как спрашивают</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="23" />
        <source>Short reply</source>
        <translation>Краткий ответ</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="24" />
        <source>When to get help urgently</source>
        <translation>Когда нужна срочная помощь</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="25" />
        <source>Refer to</source>
        <translation>Куда направить</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="26" />
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="27" />
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="28" />
        <source>Who can see it</source>
        <translation>Кому видно</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="29" />
        <source>Translated from</source>
        <translation>Переведено с</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="30" />
        <source>Full answer</source>
        <translation>Полный ответ</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="32" />
        <source>The answer</source>
        <translation>Ответ</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../history_dialog.py" line="32" />
        <source>wrote the first version</source>
        <translation>написал(а) первую версию</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="33" />
        <source>edited</source>
        <translation>изменил(а)</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="34" />
        <source>brought back an earlier version</source>
        <translation>вернул(а) прежнюю версию</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="35" />
        <source>sent for review</source>
        <translation>отправил(а) на проверку</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="36" />
        <source>commented</source>
        <translation>оставил(а) комментарий</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="37" />
        <location filename="../history_dialog.py" line="38" />
        <source>signed off</source>
        <translation>утвердил(а)</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="39" />
        <source>asked for changes</source>
        <translation>попросил(а) исправить</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="40" />
        <source>retired</source>
        <translation>снял(а) с использования</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="72" />
        <source>History of “%1”</source>
        <translation>История: «%1»</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="76" />
        <source>Every saved version of this answer, newest first. Select one version to see what it changed, or two (Ctrl+click) to compare them.</source>
        <translation>Все сохранённые версии этого ответа, сначала новые. Выберите одну версию, чтобы увидеть, что в ней изменилось, или две (Ctrl+щелчок), чтобы сравнить их.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="83" />
        <source>Saved versions</source>
        <translation>Сохранённые версии</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="84" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="84" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="84" />
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="98" />
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="99" />
        <source>&amp;Bring back this version…</source>
        <translation>&amp;Вернуть эту версию…</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="103" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="127" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="133" />
        <source>Reading history</source>
        <translation>Читаю историю</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="155" />
        <source>This answer has not been saved yet.</source>
        <translation>Этот ответ ещё не сохранялся.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="168" />
        <source>Select a version to see its changes.</source>
        <translation>Выберите версию, чтобы увидеть изменения.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="175" />
        <source>The first version of this answer, as it was written:</source>
        <translation>Первая версия этого ответа, как она была написана:</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="180" />
        <source>What this version changed:</source>
        <translation>Что изменилось в этой версии:</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="184" />
        <source>Changes from %1 to %2:</source>
        <translation>Изменения с %1 по %2:</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="192" />
        <source>The text is the same in both versions.</source>
        <translation>В обеих версиях текст одинаковый.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="205" />
        <source>Bring back this version?</source>
        <translation>Вернуть эту версию?</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="207" />
        <source>The answer will be saved again with the text it had on %1. Nothing is lost: the current text stays in the history.</source>
        <translation>Ответ будет сохранён заново с текстом, который был %1. Ничего не пропадёт: нынешний текст останется в истории.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="210" />
        <source>Bring it back</source>
        <translation>Вернуть</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="217" />
        <source>Could not bring it back</source>
        <translation>Не удалось вернуть</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="218" />
        <source>Bringing back an earlier version</source>
        <translation>Возвращаю прежнюю версию</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../identity_dialog.py" line="20" />
        <source>writes answers</source>
        <translation>пишет ответы</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="21" />
        <source>reviews and signs off</source>
        <translation>проверяет и утверждает</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="22" />
        <source>publishes releases</source>
        <translation>выпускает публикации</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="30" />
        <source>Who are you?</source>
        <translation>Кто вы?</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="33" />
        <source>Choose yourself from the people of this library. Everything you save is recorded under your name. You can change this later in the Library menu.</source>
        <translation>Выберите себя из списка людей этой библиотеки. Всё, что вы сохраните, будет записано под вашим именем. Изменить это можно потом в меню «Библиотека».</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="39" />
        <source>People in this library</source>
        <translation>Люди в этой библиотеке</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="42" />
        <source>Can: %1</source>
        <translation>Может: %1</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="52" />
        <source>This is me</source>
        <translation>Это я</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="54" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../library_list.py" line="317" />
        <source>Search answers (Ctrl+F)</source>
        <translation>Поиск по ответам (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="318" />
        <source>Search answers</source>
        <translation>Поиск по ответам</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="322" />
        <source>Any status</source>
        <translation>Любое состояние</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="322" />
        <source>Filter by status</source>
        <translation>Отбор по состоянию</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="325" />
        <source>Any topic</source>
        <translation>Любая тема</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="325" />
        <source>Filter by topic</source>
        <translation>Отбор по теме</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="326" />
        <source>Any language</source>
        <translation>Любой язык</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="326" />
        <source>Filter by language</source>
        <translation>Отбор по языку</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="336" />
        <source>Needs my review</source>
        <translation>Ждут моей проверки</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="340" />
        <source>Review due</source>
        <translation>Пора перепроверить</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="345" />
        <source>Answers</source>
        <translation>Ответы</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app.py" line="93" />
        <location filename="../main_window.py" line="269" />
        <source>Opening the library…</source>
        <translation>Открываю библиотеку…</translation>
    </message>
    <message>
        <location filename="../app.py" line="98" />
        <location filename="../main_window.py" line="273" />
        <source>Could not open the library</source>
        <translation>Не удалось открыть библиотеку</translation>
    </message>
    <message>
        <location filename="../app.py" line="100" />
        <source>Preparing your library</source>
        <translation>Готовлю вашу библиотеку</translation>
    </message>
    <message>
        <location filename="../editing.py" line="141" />
        <source>Nothing to save: no changes.</source>
        <translation>Сохранять нечего: изменений нет.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="149" />
        <location filename="../editing.py" line="183" />
        <location filename="../editing.py" line="186" />
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
    <message>
        <location filename="../editing.py" line="150" />
        <source>Say who you are before saving.</source>
        <translation>Перед сохранением укажите, кто вы.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="158" />
        <source>Saving…</source>
        <translation>Сохраняю…</translation>
    </message>
    <message>
        <location filename="../editing.py" line="164" />
        <source>Saving</source>
        <translation>Сохранение</translation>
    </message>
    <message>
        <location filename="../editing.py" line="176" />
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <location filename="../editing.py" line="187" />
        <source>Your text was not saved: %1

It is kept safe; try saving again.</source>
        <translation>Текст не сохранён: %1

Он не потерян; попробуйте сохранить ещё раз.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="196" />
        <source>Not saved yet</source>
        <translation>Пока не сохранено</translation>
    </message>
    <message>
        <location filename="../editing.py" line="197" />
        <source>Fill in these fields first:</source>
        <translation>Сначала заполните эти поля:</translation>
    </message>
    <message>
        <location filename="../editing.py" line="254" />
        <source>The earlier version is back and saved.</source>
        <translation>Прежняя версия возвращена и сохранена.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="264" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../editing.py" line="265" />
        <source>The new language is used from the next time you start the app.</source>
        <translation>Новый язык включится при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="69" />
        <location filename="../main_window.py" line="422" />
        <source>Authoring app</source>
        <translation>Редактор ответов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="78" />
        <source>Main toolbar</source>
        <translation>Основная панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88" />
        <source>Sample library: demonstration text and accounts</source>
        <translation>Пример библиотеки: демонстрационные тексты и учётные записи</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="108" />
        <source>Side panel</source>
        <translation>Боковая панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="112" />
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128" />
        <source>Working</source>
        <translation>Идёт работа</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137" />
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138" />
        <source>&amp;Answer</source>
        <translation>&amp;Ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139" />
        <source>&amp;Library</source>
        <translation>&amp;Библиотека</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142" />
        <source>&amp;New answer…</source>
        <translation>&amp;Новый ответ…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147" />
        <source>Write a new answer</source>
        <translation>Написать новый ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151" />
        <source>New &amp;translation of this answer…</source>
        <translation>Новый &amp;перевод этого ответа…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="156" />
        <source>Write this answer in another language</source>
        <translation>Написать этот ответ на другом языке</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160" />
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165" />
        <source>Save this answer</source>
        <translation>Сохранить этот ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170" />
        <source>&amp;Open library…</source>
        <translation>&amp;Открыть библиотеку…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176" />
        <source>&amp;Clone library from…</source>
        <translation>&amp;Скопировать общую библиотеку…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177" />
        <source>&amp;Recent libraries</source>
        <translation>Не&amp;давние библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182" />
        <source>Se&amp;ttings…</source>
        <translation>Н&amp;астройки…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189" />
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194" />
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195" />
        <source>&amp;Redo</source>
        <translation>По&amp;вторить</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="203" />
        <source>&amp;Find answers</source>
        <translation>&amp;Найти ответы</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210" />
        <source>&amp;History…</source>
        <translation>&amp;История…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215" />
        <source>Every saved version of this answer</source>
        <translation>Все сохранённые версии этого ответа</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219" />
        <source>Show &amp;checks</source>
        <translation>Показать &amp;проверки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224" />
        <source>&amp;Who am I…</source>
        <translation>&amp;Кто я…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227" />
        <source>&amp;Reload from disk</source>
        <translation>&amp;Перечитать с диска</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275" />
        <source>Opening the library</source>
        <translation>Открытие библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="292" />
        <source>%1: %2 answers</source>
        <translation>%1: ответов — %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313" />
        <source>Working out where each answer stands</source>
        <translation>Определяю состояние ответов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340" />
        <source>Open a library folder</source>
        <translation>Откройте папку библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347" />
        <source>Clone library</source>
        <translation>Скопировать библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347" />
        <source>Address of the shared library:</source>
        <translation>Адрес общей библиотеки:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="351" />
        <source>Where to keep the copy</source>
        <translation>Где хранить копию</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="358" />
        <source>Could not clone the library</source>
        <translation>Не удалось скопировать библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="359" />
        <source>Cloning the library</source>
        <translation>Копирование библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370" />
        <source>(none yet)</source>
        <translation>(пока нет)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="395" />
        <source>You are: %1</source>
        <translation>Вы: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="397" />
        <source>You have not said who you are</source>
        <translation>Вы не указали, кто вы</translation>
    </message>
</context>
<context>
    <name>MarkdownEdit</name>
    <message>
        <location filename="../markdown_edit.py" line="48" />
        <source>Full answer text (Markdown)</source>
        <translation>Полный текст ответа (Markdown)</translation>
    </message>
</context>
<context>
    <name>NewAnswerDialog</name>
    <message>
        <location filename="../dialogs.py" line="64" />
        <source>New answer</source>
        <translation>Новый ответ</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="66" />
        <source>Give the answer a short id in Latin letters, with hyphens between words (for example wound-care-basics). It names the file and never changes.</source>
        <translation>Дайте ответу короткий идентификатор латинскими буквами, слова через дефис (например, wound-care-basics). Это имя файла, оно потом не меняется.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="84" />
        <source>&amp;Id:</source>
        <translation>&amp;Идентификатор:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85" />
        <source>&amp;Topic:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="86" />
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="91" />
        <source>Type an id.</source>
        <translation>Введите идентификатор.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="94" />
        <source>Use only small Latin letters and digits, with single hyphens between words.</source>
        <translation>Только строчные латинские буквы и цифры, слова через один дефис.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="97" />
        <source>There is already an answer with this id in this language.</source>
        <translation>Ответ с таким идентификатором на этом языке уже есть.</translation>
    </message>
</context>
<context>
    <name>NewTranslationDialog</name>
    <message>
        <location filename="../dialogs.py" line="118" />
        <source>New translation</source>
        <translation>Новый перевод</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="120" />
        <source>The new translation starts as a copy of “%1”. Translate every field; a doctor signs it off in its own language.</source>
        <translation>Перевод начнётся с копии «%1». Переведите все поля; врач утверждает перевод отдельно, на его языке.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="130" />
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="134" />
        <source>This answer already exists in every language of the library.</source>
        <translation>Этот ответ уже есть на всех языках библиотеки.</translation>
    </message>
</context>
<context>
    <name>PreviewTabs</name>
    <message>
        <location filename="../preview.py" line="101" />
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../preview.py" line="105" />
        <source>Preview as a web page</source>
        <translation>Как на сайте</translation>
    </message>
    <message>
        <location filename="../preview.py" line="109" />
        <source>Preview as plain text</source>
        <translation>Простым текстом</translation>
    </message>
    <message>
        <location filename="../preview.py" line="110" />
        <source>Site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location filename="../preview.py" line="111" />
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../preview.py" line="112" />
        <source>Plain text</source>
        <translation>Простой текст</translation>
    </message>
</context>
<context>
    <name>ReferralList</name>
    <message>
        <location filename="../form_fields.py" line="204" />
        <source>Refer to services</source>
        <translation>Куда направить: службы</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../dialogs.py" line="146" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="149" />
        <source>As the computer's language</source>
        <translation>Как язык компьютера</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="153" />
        <source>A new language is used from the next time you start the app.</source>
        <translation>Новый язык включится при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="156" />
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="158" />
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="159" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>SourcesEdit</name>
    <message>
        <location filename="../form_fields.py" line="118" />
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="119" />
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="119" />
        <source>Web address</source>
        <translation>Адрес в интернете</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="128" />
        <source>Source title, e.g. WHO guideline</source>
        <translation>Название источника, например «Рекомендации ВОЗ»</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="129" />
        <source>New source title</source>
        <translation>Название нового источника</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="131" />
        <source>https://… (optional)</source>
        <translation>https://… (необязательно)</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="132" />
        <source>New source web address</source>
        <translation>Адрес нового источника</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="135" />
        <source>Add source</source>
        <translation>Добавить источник</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="137" />
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="138" />
        <source>Remove source</source>
        <translation>Убрать источник</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../status_view.py" line="44" />
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="45" />
        <source>in review</source>
        <translation>на проверке</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="46" />
        <source>changes requested</source>
        <translation>нужны исправления</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="47" />
        <source>approved</source>
        <translation>утверждён</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="48" />
        <source>published</source>
        <translation>опубликован</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="49" />
        <source>review due</source>
        <translation>пора перепроверить</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="50" />
        <source>retired</source>
        <translation>снят</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="51" />
        <source>conflict</source>
        <translation>конфликт версий</translation>
    </message>
</context>
<context>
    <name>StringListEdit</name>
    <message>
        <location filename="../form_fields.py" line="49" />
        <source>New entry for: %1</source>
        <translation>Новая строка: %1</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="51" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="52" />
        <source>Add to: %1</source>
        <translation>Добавить: %1</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="54" />
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="55" />
        <source>Remove from: %1</source>
        <translation>Убрать: %1</translation>
    </message>
</context>
<context>
    <name>TelegramView</name>
    <message>
        <location filename="../preview.py" line="47" />
        <source>Telegram messages</source>
        <translation>Сообщения Telegram</translation>
    </message>
    <message>
        <location filename="../preview.py" line="76" />
        <source>Message %1 of %2 · %3 of %4 characters</source>
        <translation>Сообщение %1 из %2 · %3 из %4 знаков</translation>
    </message>
    <message>
        <location filename="../preview.py" line="93" />
        <source>Nothing to send yet: write the full answer text.</source>
        <translation>Отправлять пока нечего: напишите полный текст ответа.</translation>
    </message>
</context>
<context>
    <name>VisibilityChoice</name>
    <message>
        <location filename="../form_fields.py" line="258" />
        <source>Group chats too</source>
        <translation>И в групповых чатах</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="259" />
        <source>Private messages only</source>
        <translation>Только в личных сообщениях</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="260" />
        <source>A bot may send this answer in a group chat.</source>
        <translation>Бот может отправить этот ответ в групповом чате.</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="262" />
        <location filename="../form_fields.py" line="290" />
        <source>A bot sends this answer only in a one-to-one chat, never in a group.</source>
        <translation>Бот отправляет этот ответ только в личной переписке, никогда в группе.</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="288" />
        <source>A bot may send this answer in a group chat as well as in private.</source>
        <translation>Бот может отправить этот ответ и в групповом чате, и в личной переписке.</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../dialogs.py" line="35" />
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="37" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
</TS>