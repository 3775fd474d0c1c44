<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AnswerEditor</name>
    <message>
        <location filename="../editor.py" line="68"/>
        <source>● Unsaved changes</source>
        <translation>● Есть несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../editor.py" line="74"/>
        <source>The question, as a heading people understand</source>
        <translation>Вопрос — заголовком, понятным людям</translation>
    </message>
    <message>
        <location filename="../editor.py" line="78"/>
        <source>How people ask</source>
        <translation>Как спрашивают</translation>
    </message>
    <message>
        <location filename="../editor.py" line="78"/>
        <source>Another way people ask it, then Enter</source>
        <translation>Ещё вариант вопроса, затем Enter</translation>
    </message>
    <message>
        <location filename="../editor.py" line="82"/>
        <source>A short reply that fits one chat message</source>
        <translation>Короткий ответ, который помещается в одно сообщение</translation>
    </message>
    <message>
        <location filename="../editor.py" line="88"/>
        <source>When to get help urgently</source>
        <translation>Когда нужна срочная помощь</translation>
    </message>
    <message>
        <location filename="../editor.py" line="89"/>
        <source>A danger sign, then Enter</source>
        <translation>Опасный признак, затем Enter</translation>
    </message>
    <message>
        <location filename="../editor.py" line="94"/>
        <source>words for search, separated by commas</source>
        <translation>слова для поиска через запятую</translation>
    </message>
    <message>
        <location filename="../editor.py" line="98"/>
        <source>The full answer. Use ## for headings, - for lists, **bold**, and</source>
        <translation>Полный ответ. ## — заголовок, - — список, **жирный**, а</translation>
    </message>
    <message>
        <location filename="../editor.py" line="100"/>
        <source>for a service from the directory.</source>
        <translation>— служба из справочника.</translation>
    </message>
    <message>
        <location filename="../editor.py" line="111"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../editor.py" line="112"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../editor.py" line="113"/>
        <source>Short reply</source>
        <translation>Краткий ответ</translation>
    </message>
    <message>
        <location filename="../editor.py" line="114"/>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location filename="../editor.py" line="117"/>
        <source>&amp;Title</source>
        <translation>&amp;Заголовок</translation>
    </message>
    <message>
        <location filename="../editor.py" line="118"/>
        <source>T&amp;opic</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <location filename="../editor.py" line="122"/>
        <source>Short &amp;reply (for chat)</source>
        <translation>&amp;Краткий ответ (для чата)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="124"/>
        <source>How people &amp;ask it</source>
        <translation>Как &amp;спрашивают</translation>
    </message>
    <message>
        <location filename="../editor.py" line="126"/>
        <source>Who can see it</source>
        <translation>Кому видно</translation>
    </message>
    <message>
        <location filename="../editor.py" line="130"/>
        <source>When to get help &amp;urgently</source>
        <translation>Когда &amp;нужна срочная помощь</translation>
    </message>
    <message>
        <location filename="../editor.py" line="133"/>
        <source>Re&amp;fer to</source>
        <translation>К&amp;уда направить</translation>
    </message>
    <message>
        <location filename="../editor.py" line="134"/>
        <source>&amp;Sources</source>
        <translation>&amp;Источники</translation>
    </message>
    <message>
        <location filename="../editor.py" line="135"/>
        <source>Ta&amp;gs</source>
        <translation>&amp;Метки</translation>
    </message>
    <message>
        <location filename="../editor.py" line="152"/>
        <source>Full &amp;answer (Markdown)</source>
        <translation>&amp;Полный ответ (Markdown)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="157"/>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../editor.py" line="251"/>
        <source>Choose an answer on the left, or make a new one.</source>
        <translation>Выберите ответ слева или создайте новый.</translation>
    </message>
    <message>
        <location filename="../editor.py" line="322"/>
        <source>%1 of %2 characters</source>
        <translation>%1 из %2 знаков</translation>
    </message>
    <message>
        <location filename="../editor.py" line="325"/>
        <source>too long for one message</source>
        <translation>не помещается в одно сообщение</translation>
    </message>
    <message>
        <location filename="../editor.py" line="368"/>
        <source>(translated from %1)</source>
        <translation>(перевод, оригинал: %1)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="374"/>
        <source>language: %1</source>
        <translation>язык: %1</translation>
    </message>
    <message>
        <location filename="../editor.py" line="377"/>
        <source>new, not saved yet</source>
        <translation>новый, ещё не сохранён</translation>
    </message>
    <message>
        <source>Trigger words</source>
        <translation>Слова-сигналы</translation>
    </message>
    <message>
        <source>not breathing
won&apos;t wake up
blue lips</source>
        <translation>не дышит
не просыпается
синие губы</translation>
    </message>
    <message>
        <source>Tr&amp;igger words (one per line)</source>
        <translation>Сл&amp;ова-сигналы (по одному в строке)</translation>
    </message>
    <message>
        <source>The bot sends the emergency response first, before any answer, when a message holds one of these words or phrases.</source>
        <translation>Если в сообщении есть одно из этих слов или выражений, бот сначала отправляет экстренную помощь, а потом уже ответ.</translation>
    </message>
    <message>
        <source>Example &amp;messages (each must set off the emergency response)</source>
        <translation>Примеры &amp;сообщений (каждое должно вызывать экстренную помощь)</translation>
    </message>
    <message>
        <source>Untitled answer</source>
        <translation>Ответ без названия</translation>
    </message>
    <message>
        <source>The full answer. The buttons above make words bold, lists and headings, and name a service from the directory.</source>
        <translation>Полный ответ. Кнопки над текстом выделяют слова жирным, делают списки и заголовки и вставляют службу из справочника.</translation>
    </message>
    <message>
        <source>Full &amp;answer</source>
        <translation>Полный &amp;ответ</translation>
    </message>
    <message>
        <source>What a chat bot sends first; the full answer follows when the person asks for more.</source>
        <translation>Это чат-бот отправляет первым; полный ответ — когда человек попросит подробнее.</translation>
    </message>
    <message>
        <source>Write each way people ask, in their own words: a bot uses these to find this answer.</source>
        <translation>Запишите, как люди об этом спрашивают, их словами: по этим вопросам бот находит ответ.</translation>
    </message>
    <message>
        <source>Signs that mean the person must get medical help now or soon; they are shown with the answer.</source>
        <translation>Признаки того, что человеку нужна медицинская помощь сейчас или в ближайшее время; они показываются вместе с ответом.</translation>
    </message>
    <message>
        <source>Tick the services the answer points people to; their names, numbers and hours come from the directory.</source>
        <translation>Отметьте службы, к которым ответ направляет людей; названия, номера и часы работы берутся из справочника.</translation>
    </message>
    <message>
        <source>Words that help a bot and the answer list find this answer.</source>
        <translation>Слова, по которым бот и список ответов находят этот ответ.</translation>
    </message>
</context>
<context>
    <name>AnswerTreeModel</name>
    <message>
        <location filename="../library_list.py" line="170"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="171"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="172"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="173"/>
        <source>Last edited by</source>
        <translation>Последняя правка</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="174"/>
        <source>Review due</source>
        <translation>Перепроверить до</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="232"/>
        <source>edited by %1</source>
        <translation>правка: %1</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="234"/>
        <source>review due %1</source>
        <translation>перепроверить до %1</translation>
    </message>
    <message>
        <source>review due soon: %1 (within %2 days)</source>
        <translation>скоро перепроверить: до %1 (в ближайшие %2 дн.)</translation>
    </message>
    <message>
        <source>review soon</source>
        <translation>скоро перепроверить</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <location filename="../ask.py" line="19"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../ask.py" line="21"/>
        <source>You have changed “%1” and not saved it.</source>
        <translation>Вы изменили «%1» и не сохранили.</translation>
    </message>
    <message>
        <location filename="../ask.py" line="25"/>
        <source>Save your changes before going on?</source>
        <translation>Сохранить изменения, прежде чем продолжить?</translation>
    </message>
    <message>
        <location filename="../ask.py" line="27"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../ask.py" line="30"/>
        <source>&amp;Don&apos;t save</source>
        <translation>&amp;Не сохранять</translation>
    </message>
    <message>
        <location filename="../ask.py" line="32"/>
        <location filename="../ask.py" line="47"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../ask.py" line="58"/>
        <source>Unsaved text found</source>
        <translation>Найден несохранённый текст</translation>
    </message>
    <message>
        <location filename="../ask.py" line="60"/>
        <source>The app stopped before your changes to “%1” were saved (%2).</source>
        <translation>Программа закрылась до того, как изменения в «%1» были сохранены (%2).</translation>
    </message>
    <message>
        <location filename="../ask.py" line="66"/>
        <source>Bring back the unsaved text?</source>
        <translation>Вернуть несохранённый текст?</translation>
    </message>
    <message>
        <location filename="../ask.py" line="68"/>
        <source>&amp;Bring it back</source>
        <translation>&amp;Вернуть</translation>
    </message>
    <message>
        <location filename="../ask.py" line="71"/>
        <source>&amp;Throw it away</source>
        <translation>&amp;Выбросить</translation>
    </message>
    <message>
        <source>Change a signed-off answer?</source>
        <translation>Изменить подписанный ответ?</translation>
    </message>
    <message>
        <source>“%1” has been signed off by one doctor.</source>
        <translation>Ответ «%1» подписан врачом.</translation>
    </message>
    <message>
        <source>“%1” has been signed off by %2 doctors.</source>
        <translation>Ответ «%1» подписали врачи: %2.</translation>
    </message>
    <message>
        <source>If you save a change, these sign-offs no longer count and the answer is left out of the next release until doctors sign off the new text. A release bots already have keeps the old text.</source>
        <translation>Если сохранить изменение, эти подписи перестанут действовать и ответ не войдёт в следующий выпуск, пока врачи не подпишут новый текст. В выпуске, который уже есть у ботов, останется прежний текст.</translation>
    </message>
    <message>
        <source>If you save a change, these sign-offs no longer count: doctors must sign off the new text.</source>
        <translation>Если сохранить изменение, эти подписи перестанут действовать: врачам нужно будет подписать новый текст.</translation>
    </message>
    <message>
        <source>&amp;Change the text</source>
        <translation>&amp;Изменить текст</translation>
    </message>
    <message>
        <source>&amp;Leave it as it is</source>
        <translation>&amp;Оставить как есть</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../checks_panel.py" line="38"/>
        <source>This field is missing or not filled in correctly</source>
        <translation>Поле не заполнено или заполнено неправильно</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="41"/>
        <source>Say when to get in-person or emergency care</source>
        <translation>Напишите, когда нужно идти к врачу или вызывать скорую</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="44"/>
        <source>Refers to a service that is not in the directory</source>
        <translation>Ссылка на службу, которой нет в справочнике</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="47"/>
        <source>A phone number is typed into the text</source>
        <translation>В текст вписан номер телефона</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="50"/>
        <source>The short reply does not fit one Telegram message</source>
        <translation>Краткий ответ не помещается в одно сообщение Telegram</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="53"/>
        <source>HTML code is not allowed; use Markdown</source>
        <translation>HTML-код нельзя; используйте Markdown</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="54"/>
        <source>No sources listed</source>
        <translation>Не указаны источники</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="55"/>
        <source>The topic is not in this library</source>
        <translation>Такой темы нет в этой библиотеке</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="56"/>
        <source>The language is not in this library</source>
        <translation>Такого языка нет в этой библиотеке</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="59"/>
        <source>The answer id, topic or language does not match its file</source>
        <translation>Идентификатор, тема или язык ответа не совпадают с его файлом</translation>
    </message>
    <message>
        <source>The bot would send another answer for this question</source>
        <translation>На этот вопрос бот отправит другой ответ</translation>
    </message>
    <message>
        <source>The bot would not answer this question</source>
        <translation>На этот вопрос бот не ответит</translation>
    </message>
    <message>
        <source>This example does not set off the emergency response</source>
        <translation>Этот пример не вызывает экстренную помощь</translation>
    </message>
    <message>
        <source>For “%1” the bot would send “%2”. Say it as only this answer would, or leave it to the other answer.</source>
        <translation>На «%1» бот отправит «%2». Сформулируйте вопрос так, чтобы он подходил только этому ответу, или оставьте его другому ответу.</translation>
    </message>
    <message>
        <source>For “%1” the bot would think of this answer first, but not be sure enough to send it. Use the words people use in the answer.</source>
        <translation>На «%1» бот первым найдёт этот ответ, но будет недостаточно уверен, чтобы его отправить. Используйте в ответе слова, которыми пишут люди.</translation>
    </message>
    <message>
        <source>For “%1” the bot would find no answer and say it did not understand. Use the words people use in the answer.</source>
        <translation>На «%1» бот не найдёт ответа и скажет, что не понял. Используйте в ответе слова, которыми пишут люди.</translation>
    </message>
    <message>
        <source>“%1”: add the words people write in it to the trigger words.</source>
        <translation>«%1»: добавьте слова из этого сообщения в слова-сигналы.</translation>
    </message>
    <message>
        <source>The full answer is empty</source>
        <translation>Полный ответ пуст</translation>
    </message>
    <message>
        <source>The text this translates does not exist</source>
        <translation>Текста, с которого сделан этот перевод, нет</translation>
    </message>
    <message>
        <source>Passed for this exact text by the exception of governor %1: %2</source>
        <translation>Пропущено для этого текста по исключению руководителя %1: %2</translation>
    </message>
    <message>
        <source>A source has no web address or DOI for readers to check</source>
        <translation>У источника нет веб-адреса или DOI, по которому читатель может его проверить</translation>
    </message>
    <message>
        <source>Hard to read</source>
        <translation>Текст трудно читать</translation>
    </message>
    <message>
        <source>Reading grade %1 is above this library&apos;s limit of %2. Use shorter sentences and everyday words.</source>
        <translation>Уровень текста — %1 класс, выше предела библиотеки (%2). Пишите короче и простыми словами.</translation>
    </message>
    <message>
        <source>Easy to read: %1 of 100, below this library&apos;s limit of %2. Use shorter sentences and everyday words.</source>
        <translation>Лёгкость чтения: %1 из 100, ниже предела библиотеки (%2). Пишите короче и простыми словами.</translation>
    </message>
    <message>
        <source>“%1”: give its web address or DOI so a reader can check it (a governor may let this pass, saying why).</source>
        <translation>«%1»: укажите веб-адрес или DOI, чтобы читатель мог проверить источник (руководитель может пропустить эту проверку, объяснив почему).</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../checks_panel.py" line="76"/>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="81"/>
        <source>Click a check (or press Enter on it) to go to the field.</source>
        <translation>Щёлкните по строке проверки (или нажмите на ней Enter), чтобы перейти к полю.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="98"/>
        <source>Open an answer to see its checks.</source>
        <translation>Откройте ответ, чтобы увидеть проверки.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="107"/>
        <source>All checks pass.</source>
        <translation>Все проверки пройдены.</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="118"/>
        <source>%1 to fix, %2 to consider</source>
        <translation>Исправить: %1, обратить внимание: %2</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="127"/>
        <source>Fix</source>
        <translation>Исправить</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="127"/>
        <source>Consider</source>
        <translation>Обратите внимание</translation>
    </message>
    <message>
        <source>The checks run as you type: required fields, danger signs, phone numbers typed into the text, services missing from the directory, sources, whether the short reply fits one Telegram message, and whether the bot would find this answer for each way people ask it.</source>
        <translation>Проверки идут прямо во время набора: обязательные поля, опасные признаки, номера телефонов в тексте, службы, которых нет в справочнике, источники, помещается ли краткий ответ в одно сообщение Telegram и находит ли бот этот ответ по каждому вопросу.</translation>
    </message>
    <message>
        <source>Reading level: a school grade (7 to 9 is readable by most adults)</source>
        <translation>Уровень текста: школьный класс (7–9 понятно большинству взрослых)</translation>
    </message>
    <message>
        <source>Easy to read: 0 to 100, the higher the easier</source>
        <translation>Лёгкость чтения: от 0 до 100, чем больше, тем легче</translation>
    </message>
    <message>
        <source>grade %1 (Flesch–Kincaid: %2)</source>
        <translation>класс %1 (по Флешу — Кинкейду: %2)</translation>
    </message>
    <message>
        <source>%1 of 100</source>
        <translation>%1 из 100</translation>
    </message>
    <message>
        <source>harder than this library&apos;s limit (%1)</source>
        <translation>сложнее, чем допускает библиотека (%1)</translation>
    </message>
    <message>
        <source>Measured on the text a person reads (without Markdown marks and service names). English: SMOG grade, as the NHS uses, and the Flesch–Kincaid grade. Russian: Flesch reading ease with Oborneva&apos;s coefficients for Russian. Governors set the limits in the library&apos;s settings.</source>
        <translation>Считается по тексту, который видит читатель (без разметки Markdown и названий служб). Английский текст: индекс SMOG, как в NHS, и класс по Флешу — Кинкейду. Русский текст: индекс удобочитаемости Флеша с коэффициентами Оборневой для русского языка. Пределы задают руководители в настройках библиотеки.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../conflict_dialog.py" line="29"/>
        <source>This text cannot be read.</source>
        <translation>Этот текст не удаётся прочитать.</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="57"/>
        <source>Edited on two computers — choose or combine</source>
        <translation>Изменён на двух компьютерах — выберите или объедините</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="60"/>
        <source>This answer was changed here and on another computer. Both versions are kept until you choose. Differences are highlighted. Whatever you keep needs a doctor&apos;s sign-off again.</source>
        <translation>Этот ответ изменили здесь и на другом компьютере. Обе версии сохранены, пока вы не выберете. Различия выделены. Выбранный текст снова должен утвердить врач.</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="66"/>
        <source>someone else</source>
        <translation>кто-то другой</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="88"/>
        <source>Combined text of the full answer</source>
        <translation>Объединённый текст полного ответа</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="115"/>
        <source>C&amp;ombine…</source>
        <translation>О&amp;бъединить…</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="119"/>
        <source>&amp;Save combined text</source>
        <translation>&amp;Сохранить объединённый текст</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="123"/>
        <source>Decide later</source>
        <translation>Решить позже</translation>
    </message>
    <message>
        <location filename="../conflict_dialog.py" line="142"/>
        <source>Combined</source>
        <translation>Объединённый текст</translation>
    </message>
    <message>
        <source>Edit the full answer on the left, starting from the version on the left; the other is on the right. The other fields are kept from the version on the left.</source>
        <translation>Отредактируйте ответ слева, начиная с версии слева; другая версия — справа. Остальные поля берутся из версии слева.</translation>
    </message>
    <message>
        <source>&amp;Keep: %1</source>
        <translation>&amp;Оставить: %1</translation>
    </message>
    <message>
        <source>K&amp;eep: %1</source>
        <translation>О&amp;ставить: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>%1, newer</source>
        <translation>%1, более новая</translation>
    </message>
    <message>
        <source>%1, older</source>
        <translation>%1, более ранняя</translation>
    </message>
    <message>
        <source>Version: %1 (saved %2)</source>
        <translation>Версия: %1 (сохранено %2)</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../checks_panel.py" line="18"/>
        <source>Answer id</source>
        <translation>Идентификатор ответа</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="19"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="20"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="21"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="22"/>
        <source>How people ask</source>
        <translation>Как спрашивают</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="23"/>
        <source>Short reply</source>
        <translation>Краткий ответ</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="24"/>
        <source>When to get help urgently</source>
        <translation>Когда нужна срочная помощь</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="25"/>
        <source>Refer to</source>
        <translation>Куда направить</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="26"/>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="27"/>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="28"/>
        <source>Who can see it</source>
        <translation>Кому видно</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="29"/>
        <source>Translated from</source>
        <translation>Переведено с</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="30"/>
        <source>Full answer</source>
        <translation>Полный ответ</translation>
    </message>
    <message>
        <location filename="../checks_panel.py" line="32"/>
        <source>The answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Trigger words</source>
        <translation>Слова-сигналы</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../history_dialog.py" line="32"/>
        <source>wrote the first version</source>
        <translation>— первая версия</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="33"/>
        <source>edited</source>
        <translation>— правка</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="34"/>
        <source>brought back an earlier version</source>
        <translation>— возврат прежней версии</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="35"/>
        <source>sent for review</source>
        <translation>— отправка на проверку</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="36"/>
        <source>commented</source>
        <translation>— комментарий</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="37"/>
        <location filename="../history_dialog.py" line="38"/>
        <source>signed off</source>
        <translation>— подпись</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="39"/>
        <source>asked for changes</source>
        <translation>— просьба исправить</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="40"/>
        <source>retired</source>
        <translation>— снятие с использования</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="72"/>
        <source>History of “%1”</source>
        <translation>История: «%1»</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="78"/>
        <source>Every saved version of this answer, newest first. Select one version to see what it changed, or two (Ctrl+click) to compare them.</source>
        <translation>Все сохранённые версии этого ответа, сначала новые. Выберите одну версию, чтобы увидеть, что в ней изменилось, или две (Ctrl+щелчок), чтобы сравнить их.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="85"/>
        <source>Saved versions</source>
        <translation>Сохранённые версии</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="86"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="86"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="86"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="100"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="101"/>
        <source>&amp;Bring back this version…</source>
        <translation>&amp;Вернуть эту версию…</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="105"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="130"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="136"/>
        <source>Reading history</source>
        <translation>Читаю историю</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="160"/>
        <source>This answer has not been saved yet.</source>
        <translation>Этот ответ ещё не сохранялся.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="173"/>
        <source>Select a version to see its changes.</source>
        <translation>Выберите версию, чтобы увидеть изменения.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="180"/>
        <source>The first version of this answer, as it was written:</source>
        <translation>Первая версия этого ответа, как она была написана:</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="185"/>
        <source>What this version changed:</source>
        <translation>Что изменилось в этой версии:</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="189"/>
        <source>Changes from %1 to %2:</source>
        <translation>Изменения с %1 по %2:</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="197"/>
        <source>The text is the same in both versions.</source>
        <translation>В обеих версиях текст одинаковый.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="210"/>
        <source>Bring back this version?</source>
        <translation>Вернуть эту версию?</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="212"/>
        <source>The answer will be saved again with the text it had on %1. Nothing is lost: the current text stays in the history.</source>
        <translation>Ответ будет сохранён заново с текстом, который был %1. Ничего не пропадёт: нынешний текст останется в истории.</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="215"/>
        <source>Bring it back</source>
        <translation>Вернуть</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="222"/>
        <source>Could not bring it back</source>
        <translation>Не удалось вернуть</translation>
    </message>
    <message>
        <location filename="../history_dialog.py" line="223"/>
        <source>Bringing back an earlier version</source>
        <translation>Возвращаю прежнюю версию</translation>
    </message>
    <message>
        <source>let a must-fix check pass (governor&apos;s exception)</source>
        <translation>исключение из обязательной проверки (решение руководителя)</translation>
    </message>
    <message>
        <source>Show the &amp;file&apos;s changes</source>
        <translation>Показать изменения &amp;файла</translation>
    </message>
    <message>
        <source>The changes to the stored file, line by line, as git shows them</source>
        <translation>Изменения в сохранённом файле, построчно, как их показывает git</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>— сохранение</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../identity_dialog.py" line="20"/>
        <source>writes answers</source>
        <translation>пишет ответы</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="21"/>
        <source>reviews and signs off</source>
        <translation>проверяет и утверждает</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="22"/>
        <source>publishes releases</source>
        <translation>выпускает публикации</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="30"/>
        <source>Who are you?</source>
        <translation>Кто вы?</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="33"/>
        <source>Choose yourself from the people of this library. Everything you save is recorded under your name. You can change this later in the Library menu.</source>
        <translation>Выберите себя из списка людей этой библиотеки. Всё, что вы сохраните, будет записано под вашим именем. Изменить это можно потом в меню «Библиотека».</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="39"/>
        <source>People in this library</source>
        <translation>Люди в этой библиотеке</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="42"/>
        <source>Can: %1</source>
        <translation>Может: %1</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="52"/>
        <source>This is me</source>
        <translation>Это я</translation>
    </message>
    <message>
        <location filename="../identity_dialog.py" line="54"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../library_list.py" line="338"/>
        <source>Search answers (Ctrl+F)</source>
        <translation>Поиск по ответам (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="339"/>
        <source>Search answers</source>
        <translation>Поиск по ответам</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="343"/>
        <source>Any status</source>
        <translation>Любое состояние</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="343"/>
        <source>Filter by status</source>
        <translation>Отбор по состоянию</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="346"/>
        <source>Any topic</source>
        <translation>Любая тема</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="346"/>
        <source>Filter by topic</source>
        <translation>Отбор по теме</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="347"/>
        <source>Any language</source>
        <translation>Любой язык</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="347"/>
        <source>Filter by language</source>
        <translation>Отбор по языку</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="357"/>
        <source>Needs my review</source>
        <translation>Ждут моей проверки</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="361"/>
        <source>Review due</source>
        <translation>Пора перепроверить</translation>
    </message>
    <message>
        <location filename="../library_list.py" line="366"/>
        <source>Answers</source>
        <translation>Ответы</translation>
    </message>
    <message>
        <source>Show all answers</source>
        <translation>Показать все ответы</translation>
    </message>
    <message>
        <source>Nothing is waiting for your review.</source>
        <translation>Сейчас ничего не ждёт вашей проверки.</translation>
    </message>
    <message>
        <source>No answer matches the search and filters above.</source>
        <translation>Ни один ответ не подходит под поиск и фильтры выше.</translation>
    </message>
    <message>
        <source>Only for doctors: the answers waiting for their sign-off.</source>
        <translation>Только для врачей: ответы, которые ждут их подписи.</translation>
    </message>
    <message>
        <source>Review due soon</source>
        <translation>Скоро перепроверить</translation>
    </message>
    <message>
        <source>Approved answers whose review date comes within %1 days: on that date they leave the bots unless a doctor signs them off again.</source>
        <translation>Утверждённые ответы, которые нужно перепроверить в ближайшие %1 дн.: в этот день они исчезнут из ботов, если врач не утвердит их снова.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Your text is saved and nothing is lost. It is not signed as yours (%1), so a doctor cannot sign it off until you save it again with your signing key unlocked.</source>
        <translation>Ваш текст сохранён, ничего не потеряно. Он не подписан как ваш (%1), поэтому врач не сможет его утвердить, пока вы не сохраните его снова с открытым ключом подписи.</translation>
    </message>
    <message>
        <source>Saved without your signature</source>
        <translation>Сохранено без вашей подписи</translation>
    </message>
    <message>
        <source>Saved, but not signed as yours: a doctor cannot sign it off yet.</source>
        <translation>Сохранено, но не подписано вами: врач пока не может его утвердить.</translation>
    </message>
    <message>
        <source>your signing key was not unlocked</source>
        <translation>ваш ключ подписи не был открыт</translation>
    </message>
    <message>
        <location filename="../app.py" line="93"/>
        <location filename="../main_window.py" line="269"/>
        <source>Opening the library…</source>
        <translation>Открываю библиотеку…</translation>
    </message>
    <message>
        <location filename="../app.py" line="98"/>
        <location filename="../main_window.py" line="273"/>
        <source>Could not open the library</source>
        <translation>Не удалось открыть библиотеку</translation>
    </message>
    <message>
        <location filename="../app.py" line="100"/>
        <source>Preparing your library</source>
        <translation>Готовлю вашу библиотеку</translation>
    </message>
    <message>
        <location filename="../editing.py" line="141"/>
        <source>Nothing to save: no changes.</source>
        <translation>Сохранять нечего: изменений нет.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="149"/>
        <location filename="../editing.py" line="183"/>
        <location filename="../editing.py" line="186"/>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
    <message>
        <location filename="../editing.py" line="150"/>
        <source>Say who you are before saving.</source>
        <translation>Перед сохранением укажите, кто вы.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="158"/>
        <source>Saving…</source>
        <translation>Сохраняю…</translation>
    </message>
    <message>
        <location filename="../editing.py" line="164"/>
        <source>Saving</source>
        <translation>Сохранение</translation>
    </message>
    <message>
        <location filename="../editing.py" line="176"/>
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <location filename="../editing.py" line="187"/>
        <source>Your text was not saved: %1

It is kept safe; try saving again.</source>
        <translation>Текст не сохранён: %1

Он не потерян; попробуйте сохранить ещё раз.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="196"/>
        <source>Not saved yet</source>
        <translation>Пока не сохранено</translation>
    </message>
    <message>
        <location filename="../editing.py" line="197"/>
        <source>Fill in these fields first:</source>
        <translation>Сначала заполните эти поля:</translation>
    </message>
    <message>
        <location filename="../editing.py" line="254"/>
        <source>The earlier version is back and saved.</source>
        <translation>Прежняя версия возвращена и сохранена.</translation>
    </message>
    <message>
        <location filename="../editing.py" line="264"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../editing.py" line="265"/>
        <source>The new language is used from the next time you start the app.</source>
        <translation>Новый язык включится при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="69"/>
        <location filename="../main_window.py" line="422"/>
        <source>Authoring app</source>
        <translation>Редактор ответов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="78"/>
        <source>Main toolbar</source>
        <translation>Основная панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>Sample library: demonstration text and accounts</source>
        <translation>Пример библиотеки: демонстрационные тексты и учётные записи</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="108"/>
        <source>Side panel</source>
        <translation>Боковая панель</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="112"/>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>Working</source>
        <translation>Идёт работа</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>&amp;Answer</source>
        <translation>&amp;Ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>&amp;Library</source>
        <translation>&amp;Библиотека</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>&amp;New answer…</source>
        <translation>&amp;Новый ответ…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>Write a new answer</source>
        <translation>Написать новый ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151"/>
        <source>New &amp;translation of this answer…</source>
        <translation>Новый &amp;перевод этого ответа…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="156"/>
        <source>Write this answer in another language</source>
        <translation>Написать этот ответ на другом языке</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165"/>
        <source>Save this answer</source>
        <translation>Сохранить этот ответ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>&amp;Open library…</source>
        <translation>&amp;Открыть библиотеку…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>&amp;Clone library from…</source>
        <translation>&amp;Скопировать общую библиотеку…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>&amp;Recent libraries</source>
        <translation>Не&amp;давние библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>Se&amp;ttings…</source>
        <translation>Н&amp;астройки…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195"/>
        <source>&amp;Redo</source>
        <translation>По&amp;вторить</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="203"/>
        <source>&amp;Find answers</source>
        <translation>&amp;Найти ответы</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>&amp;History…</source>
        <translation>&amp;История…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Every saved version of this answer</source>
        <translation>Все сохранённые версии этого ответа</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219"/>
        <source>Show &amp;checks</source>
        <translation>Показать &amp;проверки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224"/>
        <source>&amp;Who am I…</source>
        <translation>&amp;Кто я…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227"/>
        <source>&amp;Reload from disk</source>
        <translation>&amp;Перечитать с диска</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275"/>
        <source>Opening the library</source>
        <translation>Открытие библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="292"/>
        <source>%1: %2 answers</source>
        <translation>%1: ответов — %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313"/>
        <source>Working out where each answer stands</source>
        <translation>Определяю состояние ответов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340"/>
        <source>Open a library folder</source>
        <translation>Откройте папку библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>Clone library</source>
        <translation>Скопировать библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>Address of the shared library:</source>
        <translation>Адрес общей библиотеки:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="351"/>
        <source>Where to keep the copy</source>
        <translation>Где хранить копию</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="358"/>
        <source>Could not clone the library</source>
        <translation>Не удалось скопировать библиотеку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="359"/>
        <source>Cloning the library</source>
        <translation>Копирование библиотеки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370"/>
        <source>(none yet)</source>
        <translation>(пока нет)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="395"/>
        <source>You are: %1</source>
        <translation>Вы: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="397"/>
        <source>You have not said who you are</source>
        <translation>Вы не указали, кто вы</translation>
    </message>
</context>
<context>
    <name>MarkdownEdit</name>
    <message>
        <location filename="../markdown_edit.py" line="48"/>
        <source>Full answer text (Markdown)</source>
        <translation>Полный текст ответа (Markdown)</translation>
    </message>
    <message>
        <source>Full answer text</source>
        <translation>Полный текст ответа</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <location filename="../review_dialogs.py" line="38"/>
        <source>Write something first: this cannot be empty.</source>
        <translation>Сначала напишите текст: это поле не может быть пустым.</translation>
    </message>
    <message>
        <location filename="../review_dialogs.py" line="45"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>NewAnswerDialog</name>
    <message>
        <location filename="../dialogs.py" line="64"/>
        <source>New answer</source>
        <translation>Новый ответ</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="66"/>
        <source>Give the answer a short id in Latin letters, with hyphens between words (for example wound-care-basics). It names the file and never changes.</source>
        <translation>Дайте ответу короткий идентификатор латинскими буквами, слова через дефис (например, wound-care-basics). Это имя файла, оно потом не меняется.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="84"/>
        <source>&amp;Id:</source>
        <translation>&amp;Идентификатор:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>&amp;Topic:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="86"/>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="91"/>
        <source>Type an id.</source>
        <translation>Введите идентификатор.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="94"/>
        <source>Use only small Latin letters and digits, with single hyphens between words.</source>
        <translation>Только строчные латинские буквы и цифры, слова через один дефис.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="97"/>
        <source>There is already an answer with this id in this language.</source>
        <translation>Ответ с таким идентификатором на этом языке уже есть.</translation>
    </message>
    <message>
        <source>Write the question as people would ask it. You can change it and add everything else in the editor.</source>
        <translation>Напишите вопрос так, как его задают люди. Его можно изменить, а всё остальное добавить в редакторе.</translation>
    </message>
    <message>
        <source>For example: How do I look after my veins?</source>
        <translation>Например: Как беречь вены?</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <source>The answer&apos;s files are named after the question, in Latin letters. You never need to type this name.</source>
        <translation>Файлы ответа называются по вопросу, латинскими буквами. Вводить это название не нужно.</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Вопрос:</translation>
    </message>
    <message>
        <source>Name in files: %1</source>
        <translation>Название в файлах: %1</translation>
    </message>
    <message>
        <source>Write the question first.</source>
        <translation>Сначала напишите вопрос.</translation>
    </message>
</context>
<context>
    <name>NewTranslationDialog</name>
    <message>
        <location filename="../dialogs.py" line="118"/>
        <source>New translation</source>
        <translation>Новый перевод</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="120"/>
        <source>The new translation starts as a copy of “%1”. Translate every field; a doctor signs it off in its own language.</source>
        <translation>Перевод начнётся с копии «%1». Переведите все поля; врач утверждает перевод отдельно, на его языке.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="130"/>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="134"/>
        <source>This answer already exists in every language of the library.</source>
        <translation>Этот ответ уже есть на всех языках библиотеки.</translation>
    </message>
</context>
<context>
    <name>PreviewTabs</name>
    <message>
        <location filename="../preview.py" line="101"/>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../preview.py" line="105"/>
        <source>Preview as a web page</source>
        <translation>Как на сайте</translation>
    </message>
    <message>
        <location filename="../preview.py" line="109"/>
        <source>Preview as plain text</source>
        <translation>Простым текстом</translation>
    </message>
    <message>
        <location filename="../preview.py" line="110"/>
        <source>Site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location filename="../preview.py" line="111"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../preview.py" line="112"/>
        <source>Plain text</source>
        <translation>Простой текст</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Changed since the last release in who counts (check these first):</source>
        <translation>С прошлого выпуска изменилось, чьи подписи действуют (проверьте это в первую очередь):</translation>
    </message>
    <message>
        <source>service changed in the directory: %1 (%2)</source>
        <translation>в справочнике изменена служба: %1 (%2)</translation>
    </message>
    <message>
        <source>service removed from the directory: %1</source>
        <translation>из справочника удалена служба: %1</translation>
    </message>
    <message>
        <source>service added to the directory: %1</source>
        <translation>в справочник добавлена служба: %1</translation>
    </message>
    <message>
        <source>person changed: %1 (%2)</source>
        <translation>изменены данные человека: %1 (%2)</translation>
    </message>
    <message>
        <source>person removed: %1</source>
        <translation>удалён человек: %1</translation>
    </message>
    <message>
        <source>person added: %1</source>
        <translation>добавлен человек: %1</translation>
    </message>
    <message>
        <source>the sign-off rules changed: clinicians, self sign-off or review</source>
        <translation>изменились правила утверждения: число врачей, утверждение своих правок или срок перепроверки</translation>
    </message>
    <message>
        <source>governors: now %1 (%2 must sign)</source>
        <translation>руководители теперь: %1 (нужно подписей: %2)</translation>
    </message>
    <message>
        <source>first release with governed trust: every person, key, rule and number is new</source>
        <translation>первый выпуск с подписанным составом: все люди, ключи, правила и телефоны в нём новые</translation>
    </message>
    <message>
        <source>It is tagged %1 on the “published” branch of this library, and bots are told it is current until %2.</source>
        <translation>Он записан в ветку «published» этой библиотеки с меткой %1; ботам сообщено, что он актуален до %2.</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="65"/>
        <source>Publish a release</source>
        <translation>Публикация выпуска</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="70"/>
        <source>Publish a release of “%1”</source>
        <translation>Публикация выпуска «%1»</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="74"/>
        <source>Only answers that doctors signed off in their current text go into a release. You sign it as: %1</source>
        <translation>В выпуск попадают только ответы, текущий текст которых утвердили врачи. Вы подписываете выпуск как: %1</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="81"/>
        <location filename="../publish_dialog.py" line="173"/>
        <source>Working out what the release would hold…</source>
        <translation>Выясняем, что войдёт в выпуск…</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="87"/>
        <source>Version of the new release</source>
        <translation>Версия нового выпуска</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="95"/>
        <source>&amp;Version:</source>
        <translation>&amp;Версия:</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="99"/>
        <source>Previous release:</source>
        <translation>Предыдущий выпуск:</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="103"/>
        <source>What the release holds and what is left out</source>
        <translation>Что входит в выпуск и что остаётся за его пределами</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="104"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="104"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="104"/>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="112"/>
        <source>Progress</source>
        <translation>Ход работы</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="123"/>
        <source>Commands to verify the release</source>
        <translation>Команды для проверки выпуска</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="126"/>
        <source>&amp;Copy commands</source>
        <translation>&amp;Копировать команды</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="133"/>
        <location filename="../publish_dialog.py" line="482"/>
        <source>&amp;Publish…</source>
        <translation>&amp;Опубликовать…</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="139"/>
        <source>Check &amp;again</source>
        <translation>Проверить с&amp;нова</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="142"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="180"/>
        <source>Planning the release</source>
        <translation>Составляем выпуск</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="187"/>
        <source>none yet (this is the first)</source>
        <translation>пока нет (это первый выпуск)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="191"/>
        <source>%1 answers in the release: %2 added, %3 changed, %4 removed.</source>
        <translation>Ответов в выпуске: %1 (добавлено: %2, изменено: %3, убрано: %4).</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="196"/>
        <source>%1 answers left out (see why below).</source>
        <translation>Не вошли в выпуск: %1 (причины ниже).</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="202"/>
        <source>This release cannot be published:</source>
        <translation>Этот выпуск нельзя опубликовать:</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="207"/>
        <source>Nothing to publish: nothing changed since the last release.</source>
        <translation>Публиковать нечего: с прошлого выпуска ничего не изменилось.</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="211"/>
        <source>Why this version: %1</source>
        <translation>Почему такая версия: %1</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="230"/>
        <source>Added (%1)</source>
        <translation>Добавлены (%1)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="230"/>
        <source>new in this release</source>
        <translation>новый в этом выпуске</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="231"/>
        <source>Changed (%1)</source>
        <translation>Изменены (%1)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="231"/>
        <source>approved text changed</source>
        <translation>утверждённый текст изменился</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="232"/>
        <source>Removed (%1)</source>
        <translation>Убраны (%1)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="232"/>
        <source>no longer approved</source>
        <translation>больше не утверждён</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="242"/>
        <source>Unchanged since the last release (%1)</source>
        <translation>Без изменений с прошлого выпуска (%1)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="247"/>
        <source>Left out (%1)</source>
        <translation>Не вошли (%1)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="273"/>
        <source>Proposed: %1 (%2)</source>
        <translation>Предлагается: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="289"/>
        <source>Publishing as: %1
Release %2 with %3 answers, signed with your key. Bots and sites that trust your key will serve exactly these answers.</source>
        <translation>Публикует: %1
Выпуск %2, ответов: %3, подписывается вашим ключом. Боты и сайты, которые доверяют вашему ключу, будут выдавать именно эти ответы.</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="298"/>
        <source>Publish release %1</source>
        <translation>Опубликовать выпуск %1</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="300"/>
        <source>Publish</source>
        <translation>Опубликовать</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="317"/>
        <source>Publishing</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="331"/>
        <source>Release %1 is published.</source>
        <translation>Выпуск %1 опубликован.</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="352"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="362"/>
        <source>Not published.</source>
        <translation>Не опубликовано.</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="378"/>
        <source>Publishing cannot be stopped halfway.</source>
        <translation>Публикацию нельзя остановить на полпути.</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="400"/>
        <source>the first release</source>
        <translation>первый выпуск</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="401"/>
        <source>answers added: %1</source>
        <translation>добавлены ответы: %1</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="404"/>
        <source>approved text changed: %1</source>
        <translation>изменён утверждённый текст ответов: %1</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="409"/>
        <source>answers removed: %1</source>
        <translation>убраны ответы: %1</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="422"/>
        <source>not sent for review or not signed off</source>
        <translation>не отправлен на проверку или не утверждён</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="423"/>
        <source>waiting for doctors&apos; sign-off (%1 of %2 so far)</source>
        <translation>ждёт утверждения врачами (пока %1 из %2)</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="428"/>
        <source>a doctor asked for changes</source>
        <translation>врач попросил исправить</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="429"/>
        <source>its review is overdue: a doctor must sign it off again</source>
        <translation>срок проверки прошёл: врач должен утвердить его снова</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="432"/>
        <source>edited on two computers: choose or combine first</source>
        <translation>изменён на двух компьютерах: сначала выберите или объедините версии</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="435"/>
        <source>retired</source>
        <translation>снят с публикации</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="439"/>
        <source>edited after its sign-off: needs signing off again</source>
        <translation>изменён после утверждения: нужно утвердить снова</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="463"/>
        <location filename="../publish_dialog.py" line="495"/>
        <source>Only a publisher can publish</source>
        <translation>Публиковать может только публикатор</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="464"/>
        <source>Publishing needs the publisher role in people.yaml. Say who you are in the Library menu.</source>
        <translation>Для публикации нужна роль публикатора в people.yaml. Укажите, кто вы, в меню «Библиотека».</translation>
    </message>
    <message>
        <location filename="../publish_dialog.py" line="486"/>
        <location filename="../publish_dialog.py" line="493"/>
        <source>Build, sign and release the approved answers</source>
        <translation>Собрать, подписать и выпустить утверждённые ответы</translation>
    </message>
    <message>
        <source>Release %1 was made on this computer while another computer published; it was not sent. Repair the library (authoring-app repair), then publish again.</source>
        <translation>Выпуск %1 сделан на этом компьютере, пока на другом тоже выпускали; он не отправлен. Восстановите библиотеку (authoring-app repair) и выпустите снова.</translation>
    </message>
    <message>
        <source>It is on the “published” branch of this library, tagged %1, commit %2.</source>
        <translation>Он в ветке «published» этой библиотеки, метка %1, коммит %2.</translation>
    </message>
    <message>
        <source>This library is not shared; the release stays on this computer.</source>
        <translation>Эта библиотека не общая: выпуск остаётся на этом компьютере.</translation>
    </message>
    <message>
        <source>Another computer published at the same moment, so this release was not sent. Repair the library, then publish again.</source>
        <translation>В тот же момент выпуск сделали на другом компьютере, поэтому этот выпуск не отправлен. Восстановите библиотеку и выпустите снова.</translation>
    </message>
    <message>
        <source>It will be sent to the shared library with the next sync.</source>
        <translation>Он будет отправлен в общую библиотеку при следующей синхронизации.</translation>
    </message>
    <message>
        <source>It was sent to the shared library.</source>
        <translation>Он отправлен в общую библиотеку.</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>&amp;Отправить снова</translation>
    </message>
    <message>
        <source>Send the release again to where bots and sites read it</source>
        <translation>Снова отправить выпуск туда, откуда его берут боты и сайты</translation>
    </message>
    <message>
        <source>To check it, anyone can run these commands; a bot maintainer pins your key once, after checking its fingerprint with you by phone or in person:</source>
        <translation>Проверить выпуск может любой этими командами. Тот, кто поддерживает бота, один раз закрепляет ваш ключ, сверив с вами его отпечаток по телефону или при встрече:</translation>
    </message>
    <message>
        <source>Sending it to where bots and sites read it</source>
        <translation>Отправка туда, откуда выпуски берут боты и сайты</translation>
    </message>
    <message>
        <source>Confirm it is &amp;still current…</source>
        <translation>Подтвердить &amp;актуальность…</translation>
    </message>
    <message>
        <source>Tell bots that the last release is still the current one, without publishing a new one. Bots that stop hearing this notice know their copy may be stale.</source>
        <translation>Сообщить ботам, что последний выпуск по-прежнему актуален, не публикуя новый. Если такие подтверждения перестают приходить, боты понимают, что их копия могла устареть.</translation>
    </message>
    <message>
        <source>It is tagged %1 on the “published” branch of this library, and bots are told it is current until %2. Sync to send it to the shared library.</source>
        <translation>Он записан в ветку «published» этой библиотеки с меткой %1; ботам сообщено, что он актуален до %2. Синхронизируйте, чтобы отправить его в общую библиотеку.</translation>
    </message>
    <message>
        <source>Confirm release %1 is still current</source>
        <translation>Подтвердить актуальность выпуска %1</translation>
    </message>
    <message>
        <source>Confirming as: %1
Bots will be told that release %2 is still the current one for the next %3 days. Nothing else changes.</source>
        <translation>Подтверждает: %1
Ботам будет сообщено, что выпуск %2 остаётся актуальным. Срок подтверждения (дней): %3. Больше ничего не меняется.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Not confirmed.</source>
        <translation>Не подтверждено.</translation>
    </message>
    <message>
        <source>Confirming the release is current</source>
        <translation>Подтверждение актуальности выпуска</translation>
    </message>
    <message>
        <source>Release %1 is confirmed current.</source>
        <translation>Актуальность выпуска %1 подтверждена.</translation>
    </message>
    <message>
        <source>Bots are told it is current until %1.</source>
        <translation>Ботам сообщено, что он актуален до %1.</translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation>Не отправлено.</translation>
    </message>
    <message>
        <source>Sending the release again</source>
        <translation>Повторная отправка выпуска</translation>
    </message>
    <message>
        <source>the releases folder %1</source>
        <translation>папка выпусков %1</translation>
    </message>
    <message>
        <source>the releases repository %1</source>
        <translation>репозиторий выпусков %1</translation>
    </message>
    <message>
        <source>(bots read it at %1)</source>
        <translation>(боты берут выпуски по адресу %1)</translation>
    </message>
    <message>
        <source>Bots and sites receive releases from:</source>
        <translation>Откуда боты и сайты получают выпуски:</translation>
    </message>
    <message>
        <source>No releases channel is set up: bots and sites can read releases only with access to this library. Whoever looks after the library can name one in library.yaml (see the guide for bot maintainers).</source>
        <translation>Канал выпусков не настроен: боты и сайты могут получать выпуски, только имея доступ к этой библиотеке. Тот, кто ведёт библиотеку, может указать канал в library.yaml (см. руководство для тех, кто поддерживает ботов).</translation>
    </message>
    <message>
        <source>Bots are told that release %1 is current until %2.</source>
        <translation>Ботам сообщено, что выпуск %1 актуален до %2.</translation>
    </message>
    <message>
        <source>It is on the “published” branch of this library only.</source>
        <translation>Он есть только в ветке «published» этой библиотеки.</translation>
    </message>
    <message>
        <source>there is no such folder on this computer</source>
        <translation>на этом компьютере нет такой папки</translation>
    </message>
    <message>
        <source>a folder in it is a link to somewhere else, so nothing was written</source>
        <translation>одна из папок в ней — ссылка на другое место, поэтому ничего не записано</translation>
    </message>
    <message>
        <source>it cannot be written to (%1)</source>
        <translation>туда не удаётся записать (%1)</translation>
    </message>
    <message>
        <source>it holds releases this library does not have: sync, then send again</source>
        <translation>там есть выпуски, которых нет в этой библиотеке: синхронизируйте и отправьте снова</translation>
    </message>
    <message>
        <source>it cannot be reached (%1)</source>
        <translation>нет связи (%1)</translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation>Отправлено: %1</translation>
    </message>
    <message>
        <source>Not sent to %1: %2</source>
        <translation>Не отправлено: %1 — %2</translation>
    </message>
    <message>
        <source>The release is safe in this library: use “Send again” once that is fixed.</source>
        <translation>Выпуск сохранён в этой библиотеке: когда это исправят, нажмите «Отправить снова».</translation>
    </message>
    <message>
        <source>Checking that each answer&apos;s questions find it…</source>
        <translation>Проверяем, находит ли бот каждый ответ по его вопросам…</translation>
    </message>
    <message>
        <source>Checking that each answer&apos;s questions find it: %1 of %2 answers…</source>
        <translation>Проверяем, находит ли бот каждый ответ по его вопросам: %1 из %2…</translation>
    </message>
    <message>
        <source>All %1 ways of asking find their own answer (%2 answers).</source>
        <translation>Все вопросы находят свой ответ (вопросов: %1, ответов: %2).</translation>
    </message>
    <message>
        <source>%1 of %2 answers have questions the bot would answer otherwise (%3 of %4 ways of asking). This does not stop publishing; see the list below.</source>
        <translation>У %1 из %2 ответов есть вопросы, на которые бот ответит иначе (%3 из %4 вопросов). Публикации это не мешает; список ниже.</translation>
    </message>
    <message>
        <source>Questions the bot would answer otherwise (%1)</source>
        <translation>Вопросы, на которые бот ответит иначе (%1)</translation>
    </message>
    <message>
        <source>“%1”: the bot would say it did not understand</source>
        <translation>«%1»: бот скажет, что не понял</translation>
    </message>
    <message>
        <source>“%1”: the bot would send “%2”</source>
        <translation>«%1»: бот отправит «%2»</translation>
    </message>
    <message>
        <source>must-fix checks stand: %1 (fix them, or a governor records an exception)</source>
        <translation>не пройдены обязательные проверки: %1 (исправьте ответ или попросите руководителя записать исключение)</translation>
    </message>
    <message>
        <source>a translation of a text that changed or is not signed off: a doctor must sign off the original, then the translation again</source>
        <translation>перевод текста, который изменился или ещё не одобрен: врач должен одобрить оригинал, затем снова перевод</translation>
    </message>
    <message>
        <source>Due for review soon (%1):</source>
        <translation>Скоро перепроверить (%1):</translation>
    </message>
    <message>
        <source>On its review date each leaves the bots (the others stay) unless a doctor signs it off again before then.</source>
        <translation>В день перепроверки каждый из этих ответов исчезнет из ботов (остальные останутся), если врач не утвердит его снова до этого дня.</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>перепроверить сегодня</translation>
    </message>
    <message>
        <source>due %1, in %2 days</source>
        <translation>перепроверить до %1, осталось дней: %2</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>и ещё %1</translation>
    </message>
    <message>
        <source>Confirming as: %1
Bots will be told that release %2 is still the current one for the next %3 days, without the answers doctors withdrew (bots drop them at their next pull): %4</source>
        <translation>Подтверждает: %1
Боты узнают, что выпуск %2 остаётся актуальным ещё %3 дн., но без ответов, которые убрали врачи (боты уберут их при следующем обновлении): %4</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Показать &amp;подробности</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>Скрыть &amp;подробности</translation>
    </message>
    <message>
        <source>Where the release is kept, and how anyone can check it</source>
        <translation>Где хранится выпуск и как любой может его проверить</translation>
    </message>
    <message>
        <source>Chat bots and web sites take it from where it was sent at their next check, and treat it as current until %1.</source>
        <translation>Чат-боты и сайты заберут его оттуда, куда он отправлен, при следующей проверке и будут считать его актуальным до %1.</translation>
    </message>
    <message>
        <source>It is tagged %1 on the “published” branch of this library.</source>
        <translation>Он записан в ветку «published» этой библиотеки с меткой %1.</translation>
    </message>
    <message>
        <source>It is kept in this library only: no place where bots read releases is set up yet.</source>
        <translation>Он хранится только в этой библиотеке: место, откуда боты берут выпуски, ещё не настроено.</translation>
    </message>
</context>
<context>
    <name>ReferralList</name>
    <message>
        <location filename="../form_fields.py" line="204"/>
        <source>Refer to services</source>
        <translation>Куда направить: службы</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Not done: every review step is signed with your key.</source>
        <translation>Не выполнено: каждый шаг проверки подписывается вашим ключом.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="55"/>
        <location filename="../review_panel.py" line="298"/>
        <source>Review</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="57"/>
        <location filename="../review_panel.py" line="114"/>
        <source>Open an answer to see its review.</source>
        <translation>Откройте ответ, чтобы увидеть его проверку.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="61"/>
        <source>Review status</source>
        <translation>Состояние проверки</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="66"/>
        <source>Submit for review</source>
        <translation>Отправить на проверку</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="67"/>
        <source>Comment…</source>
        <translation>Комментарий…</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="68"/>
        <source>Request changes…</source>
        <translation>Попросить исправить…</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="69"/>
        <source>Sign off…</source>
        <translation>Утвердить…</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="84"/>
        <source>Why some review buttons are disabled</source>
        <translation>Почему некоторые кнопки проверки недоступны</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="88"/>
        <source>What changed</source>
        <translation>Что изменилось</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="89"/>
        <source>&lt;b&gt;Review thread&lt;/b&gt; (oldest first)</source>
        <translation>&lt;b&gt;Ход проверки&lt;/b&gt; (сначала старые)</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="92"/>
        <source>Review thread</source>
        <translation>Ход проверки</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="125"/>
        <source>Reading the review</source>
        <translation>Читаем записи проверки</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="144"/>
        <source>Open a saved answer first.</source>
        <translation>Сначала откройте сохранённый ответ.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="146"/>
        <location filename="../review_view.py" line="111"/>
        <source>Save your changes first.</source>
        <translation>Сначала сохраните изменения.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="208"/>
        <source>Sent for review</source>
        <translation>Отправлено на проверку</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="216"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="217"/>
        <source>Your comment is added to the review thread of this text.</source>
        <translation>Ваш комментарий добавится к ходу проверки этого текста.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="218"/>
        <source>Add comment</source>
        <translation>Добавить комментарий</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="223"/>
        <source>Comment added</source>
        <translation>Комментарий добавлен</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="231"/>
        <location filename="../review_panel.py" line="236"/>
        <source>Request changes</source>
        <translation>Попросить исправить</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="233"/>
        <source>Say what must change before you can sign this off. The author sees this in the review thread.</source>
        <translation>Напишите, что нужно изменить, чтобы вы могли это утвердить. Автор увидит это в ходе проверки.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="241"/>
        <source>Changes requested</source>
        <translation>Исправления запрошены</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="253"/>
        <source>Cannot sign off</source>
        <translation>Утвердить нельзя</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="256"/>
        <source>You are about to sign off the exact text below. Your signature means: clinical approval for publication. Any later edit voids it.</source>
        <translation>Вы утверждаете именно тот текст, который описан ниже. Ваша подпись означает: клиническое одобрение для публикации. Любая последующая правка её отменяет.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="261"/>
        <location filename="../review_panel.py" line="263"/>
        <source>Sign off</source>
        <translation>Утвердить</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="267"/>
        <source>Not signed.</source>
        <translation>Не подписано.</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="271"/>
        <source>Signed off</source>
        <translation>Утверждено</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="291"/>
        <source>Not done</source>
        <translation>Не выполнено</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="299"/>
        <source>&amp;Review</source>
        <translation>&amp;Проверка</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="302"/>
        <source>Show &amp;review</source>
        <translation>Показать &amp;проверку</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="308"/>
        <source>&amp;Submit for review</source>
        <translation>&amp;Отправить на проверку</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="309"/>
        <source>&amp;Comment…</source>
        <translation>&amp;Комментарий…</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="310"/>
        <source>Request &amp;changes…</source>
        <translation>Попросить &amp;исправить…</translation>
    </message>
    <message>
        <location filename="../review_panel.py" line="311"/>
        <source>Sign &amp;off…</source>
        <translation>&amp;Утвердить…</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="70"/>
        <source>Say who you are first (Library menu, “Who am I”).</source>
        <translation>Сначала укажите, кто вы (меню «Библиотека», «Кто я»).</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="86"/>
        <source>Edited on two computers: choose or combine first.</source>
        <translation>Изменён на двух компьютерах: сначала выберите или объедините версии.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="96"/>
        <source>Only authors and doctors send answers for review.</source>
        <translation>Отправлять на проверку могут только авторы и врачи.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="99"/>
        <source>Only people of this library can comment.</source>
        <translation>Комментировать могут только участники этой библиотеки.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="102"/>
        <source>Only a doctor can ask for changes.</source>
        <translation>Просить исправления может только врач.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="103"/>
        <source>Only a doctor can sign off answers.</source>
        <translation>Утверждать ответы может только врач.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="113"/>
        <source>Edited on two computers: choose or combine the versions first.</source>
        <translation>Изменён на двух компьютерах: сначала выберите или объедините версии.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="118"/>
        <source>You have already signed off this text.</source>
        <translation>Вы уже утвердили этот текст.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="122"/>
        <source>You made the last change to this text, so another doctor must sign it off.</source>
        <translation>Последнюю правку в этот текст внесли вы, поэтому утвердить его должен другой врач.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="127"/>
        <source>This answer is retired: send it for review again first.</source>
        <translation>Этот ответ снят с публикации: сначала снова отправьте его на проверку.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="132"/>
        <source>You have no signing key in this library yet.</source>
        <translation>У вас пока нет ключа подписи в этой библиотеке.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="140"/>
        <source>Already approved in this exact text: nothing to review.</source>
        <translation>Этот текст уже утверждён: проверять нечего.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="144"/>
        <source>Already sent for review in this exact text.</source>
        <translation>Этот текст уже отправлен на проверку.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="148"/>
        <source>A doctor asked for changes to this text: edit and save it first.</source>
        <translation>Врач попросил исправить этот текст: сначала исправьте и сохраните его.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="162"/>
        <source>No change since you last looked at it (%1).</source>
        <translation>Без изменений с тех пор, как вы его смотрели (%1).</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="169"/>
        <source>What changed since you last reviewed it (%1, %2)</source>
        <translation>Что изменилось с вашей последней проверки (%1, %2)</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="176"/>
        <source>What changed since %1 signed off (%2)</source>
        <translation>Что изменилось с утверждения: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="205"/>
        <source>sent for review</source>
        <translation>— отправка на проверку</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="206"/>
        <source>commented</source>
        <translation>— комментарий</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="207"/>
        <source>asked for changes</source>
        <translation>— просьба исправить</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="208"/>
        <source>signed off (clinical approval for publication)</source>
        <translation>— подпись (клиническое одобрение для публикации)</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="211"/>
        <source>retired the answer</source>
        <translation>— снятие ответа с публикации</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="236"/>
        <source>Doctors&apos; sign-offs: %1 of %2 needed</source>
        <translation>Подписи врачей: %1 из %2</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="246"/>
        <source>Edited on two computers: a person must choose or combine the versions.</source>
        <translation>Изменён на двух компьютерах: человек должен выбрать или объединить версии.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="257"/>
        <source>Source changed: the original text was edited after this translation was signed off. Check that the translation still says the same.</source>
        <translation>Оригинал изменился: исходный текст правили после утверждения этого перевода. Проверьте, что перевод говорит то же самое.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="276"/>
        <source>voided by an edit on %1</source>
        <translation>отменена правкой %1</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="280"/>
        <source>voided: the text changed since</source>
        <translation>отменена: текст с тех пор изменился</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="300"/>
        <source>No comments or review steps yet.</source>
        <translation>Комментариев и шагов проверки пока нет.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="314"/>
        <source>on an earlier version</source>
        <translation>к прежней версии</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="316"/>
        <source>on this version</source>
        <translation>к этой версии</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="337"/>
        <source>Does not count: %1</source>
        <translation>Не засчитывается: %1</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="366"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="367"/>
        <source>Before</source>
        <translation>Было</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="368"/>
        <source>Now</source>
        <translation>Стало</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="382"/>
        <source>Only the layout of the text changed.</source>
        <translation>Изменилось только оформление текста.</translation>
    </message>
    <message>
        <source>Must-fix checks stand: %1. Fix them, or ask a governor to record an exception.</source>
        <translation>Обязательные проверки не пройдены: %1. Исправьте ответ или попросите руководителя библиотеки записать исключение.</translation>
    </message>
    <message>
        <source>let a must-fix check pass for this text (governor&apos;s exception)</source>
        <translation>исключение из обязательной проверки для этого текста (решение руководителя)</translation>
    </message>
    <message>
        <source>Send for review</source>
        <translation>Отправить на проверку</translation>
    </message>
    <message>
        <source>A note to the doctor, if you like: what changed, what to look at first. The doctor sees it in the review thread.</source>
        <translation>Можно оставить записку врачу: что изменилось, на что посмотреть в первую очередь. Врач увидит её в обсуждении проверки.</translation>
    </message>
    <message>
        <source>Not sent for review.</source>
        <translation>Не отправлено на проверку.</translation>
    </message>
    <message>
        <source>Signed off: the answer is approved</source>
        <translation>Подписано: ответ утверждён</translation>
    </message>
    <message>
        <source>Signed off: %1 of %2 sign-offs; another doctor must sign too</source>
        <translation>Подписано: %1 из %2 подписей; нужна подпись ещё одного врача</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../dialogs.py" line="146"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="149"/>
        <source>As the computer&apos;s language</source>
        <translation>Как язык компьютера</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="153"/>
        <source>A new language is used from the next time you start the app.</source>
        <translation>Новый язык включится при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="156"/>
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="158"/>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="159"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>SourcesEdit</name>
    <message>
        <location filename="../form_fields.py" line="118"/>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="119"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="119"/>
        <source>Web address</source>
        <translation>Адрес в интернете</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="128"/>
        <source>Source title, e.g. WHO guideline</source>
        <translation>Название источника, например «Рекомендации ВОЗ»</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="129"/>
        <source>New source title</source>
        <translation>Название нового источника</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="131"/>
        <source>https://… (optional)</source>
        <translation>https://… (необязательно)</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="132"/>
        <source>New source web address</source>
        <translation>Адрес нового источника</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="135"/>
        <source>Add source</source>
        <translation>Добавить источник</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="137"/>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="138"/>
        <source>Remove source</source>
        <translation>Убрать источник</translation>
    </message>
    <message>
        <source>Web address (https://…) or DOI (10.…)</source>
        <translation>Веб-адрес (https://…) или DOI (10.…)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../status_view.py" line="44"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="45"/>
        <source>in review</source>
        <translation>на проверке</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="46"/>
        <source>changes requested</source>
        <translation>нужны исправления</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="47"/>
        <source>approved</source>
        <translation>утверждён</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="48"/>
        <source>published</source>
        <translation>опубликован</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="49"/>
        <source>review due</source>
        <translation>пора перепроверить</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="50"/>
        <source>retired</source>
        <translation>снят</translation>
    </message>
    <message>
        <location filename="../status_view.py" line="51"/>
        <source>conflict</source>
        <translation>конфликт версий</translation>
    </message>
    <message>
        <source>checks stand</source>
        <translation>проверки не пройдены</translation>
    </message>
    <message>
        <source>recheck with original</source>
        <translation>сверить с оригиналом</translation>
    </message>
</context>
<context>
    <name>StringListEdit</name>
    <message>
        <location filename="../form_fields.py" line="49"/>
        <source>New entry for: %1</source>
        <translation>Новая строка: %1</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="51"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="52"/>
        <source>Add to: %1</source>
        <translation>Добавить: %1</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="54"/>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="55"/>
        <source>Remove from: %1</source>
        <translation>Убрать: %1</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../sync_action.py" line="42"/>
        <source>Sync status</source>
        <translation>Состояние синхронизации</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="46"/>
        <source>S&amp;ync</source>
        <translation>С&amp;инхронизировать</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="51"/>
        <location filename="../sync_action.py" line="109"/>
        <source>Send your saved work to the shared library and receive others&apos; work</source>
        <translation>Отправить сохранённую работу в общую библиотеку и получить работу коллег</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="69"/>
        <source>Edited on two computers — choose or combine</source>
        <translation>Изменён на двух компьютерах — выберите или объедините</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="72"/>
        <source>&amp;Choose or combine…</source>
        <translation>&amp;Выбрать или объединить…</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="75"/>
        <source>Choose or combine the two versions</source>
        <translation>Выбрать или объединить две версии</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="102"/>
        <source>Checking what is left to send</source>
        <translation>Проверяем, что осталось отправить</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="113"/>
        <source>This library is only on this computer; it is not shared yet</source>
        <translation>Эта библиотека есть только на этом компьютере: общего доступа пока нет</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="118"/>
        <source>%1 answers need a decision</source>
        <translation>Ждут вашего решения: %1</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="122"/>
        <source>Not shared: only on this computer</source>
        <translation>Без общего доступа: только на этом компьютере</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="124"/>
        <location filename="../sync_action.py" line="187"/>
        <source>Offline — your work is kept and will be sent later</source>
        <translation>Нет связи — ваша работа сохранена и будет отправлена позже</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="128"/>
        <source>%1 changes to send</source>
        <translation>Изменений к отправке: %1</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="132"/>
        <source>Up to date</source>
        <translation>Всё синхронизировано</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="163"/>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="170"/>
        <source>Syncing with the shared library</source>
        <translation>Синхронизация с общей библиотекой</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="180"/>
        <location filename="../sync_action.py" line="197"/>
        <source>Not synced</source>
        <translation>Не синхронизировано</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="183"/>
        <source>Synced: received %1, sent %2</source>
        <translation>Синхронизировано: получено %1, отправлено %2</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="249"/>
        <source>Not resolved</source>
        <translation>Не решено</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="251"/>
        <source>Saving the chosen text</source>
        <translation>Сохраняем выбранный текст</translation>
    </message>
    <message>
        <location filename="../sync_action.py" line="262"/>
        <source>Saved the chosen text; it needs sign-off again.</source>
        <translation>Выбранный текст сохранён; его снова должен утвердить врач.</translation>
    </message>
    <message>
        <source>S&amp;hare this library…</source>
        <translation>Сделать библиотеку &amp;общей…</translation>
    </message>
    <message>
        <source>Connect this library to a shared library on a server</source>
        <translation>Подключить эту библиотеку к общей библиотеке на сервере</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Останавливаем…</translation>
    </message>
    <message>
        <source>Stop s&amp;ync</source>
        <translation>Остановить с&amp;инхронизацию</translation>
    </message>
    <message>
        <source>conflict: %1 answers edited on two computers</source>
        <translation>конфликт: ответов, изменённых на двух компьютерах: %1</translation>
    </message>
</context>
<context>
    <name>TelegramView</name>
    <message>
        <location filename="../preview.py" line="47"/>
        <source>Telegram messages</source>
        <translation>Сообщения Telegram</translation>
    </message>
    <message>
        <location filename="../preview.py" line="76"/>
        <source>Message %1 of %2 · %3 of %4 characters</source>
        <translation>Сообщение %1 из %2 · %3 из %4 знаков</translation>
    </message>
    <message>
        <location filename="../preview.py" line="93"/>
        <source>Nothing to send yet: write the full answer text.</source>
        <translation>Отправлять пока нечего: напишите полный текст ответа.</translation>
    </message>
    <message>
        <source>Nothing to send yet: write the short reply and the full text.</source>
        <translation>Пока нечего отправить: напишите короткий ответ и полный текст.</translation>
    </message>
    <message>
        <source>When the person presses “%1”, the bot sends:</source>
        <translation>Когда человек нажмёт «%1», бот отправит:</translation>
    </message>
    <message>
        <source>The short reply does not fit one message: a release would refuse it.</source>
        <translation>Короткий ответ не помещается в одно сообщение: в выпуск его не возьмут.</translation>
    </message>
    <message>
        <source>The full text shows as nothing (nested too deeply?): simplify it.</source>
        <translation>Полный текст получается пустым (слишком глубокая вложенность?): упростите его.</translation>
    </message>
    <message>
        <source>The bot cannot send the full text: the library has no message for its “read more” button (bot-read-more).</source>
        <translation>Бот не сможет отправить полный текст: в библиотеке нет сообщения для кнопки «читать дальше» (bot-read-more).</translation>
    </message>
</context>
<context>
    <name>TryPanel</name>
    <message>
        <source>Try a question</source>
        <translation>Спросить бота</translation>
    </message>
    <message>
        <source>&amp;Try a question…</source>
        <translation>&amp;Спросить бота…</translation>
    </message>
    <message>
        <source>See what the bot would answer to a message, before and after publishing</source>
        <translation>Что бот ответит на сообщение — до публикации и после</translation>
    </message>
    <message>
        <source>What would the bot answer?</source>
        <translation>Что ответит бот?</translation>
    </message>
    <message>
        <source>Type a message as someone would write it in a chat, with their words and typos.</source>
        <translation>Напишите сообщение так, как его написали бы в чате: своими словами, с опечатками.</translation>
    </message>
    <message>
        <source>Message to try</source>
        <translation>Сообщение для проверки</translation>
    </message>
    <message>
        <source>e.g. my friend won&apos;t wake up</source>
        <translation>например: подруга не просыпается</translation>
    </message>
    <message>
        <source>What the bot would send</source>
        <translation>Что отправит бот</translation>
    </message>
    <message>
        <source>The answer the bot would send shows here, with the emergency response first when a message calls for it.</source>
        <translation>Здесь появится то, что отправит бот. Если сообщение говорит об опасности для жизни, первой идёт экстренная помощь.</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>new, not saved yet</source>
        <translation>новый, ещё не сохранён</translation>
    </message>
    <message>
        <source>with your unsaved changes</source>
        <translation>с вашими несохранёнными изменениями</translation>
    </message>
    <message>
        <source>published: bots send it</source>
        <translation>опубликован: бот его отправляет</translation>
    </message>
    <message>
        <source>%1: bots send an earlier text</source>
        <translation>%1; бот отправляет прежний текст</translation>
    </message>
    <message>
        <source>%1: not published</source>
        <translation>%1, не опубликован</translation>
    </message>
    <message>
        <source>The bot would not answer this.</source>
        <translation>На это бот не ответит.</translation>
    </message>
    <message>
        <source>It would say it did not understand and offer a person to talk to; after hours, it says when someone will be there.</source>
        <translation>Он скажет, что не понял, и предложит поговорить с человеком; в нерабочее время — скажет, когда кто-то будет на связи.</translation>
    </message>
    <message>
        <source>From the library now</source>
        <translation>Из библиотеки сейчас</translation>
    </message>
    <message>
        <source>Drafts and unsaved changes included: not what bots send yet.</source>
        <translation>С учётом черновиков и несохранённых изменений — бот это пока не отправляет.</translation>
    </message>
    <message>
        <source>Getting ready: reading %1 answers…</source>
        <translation>Подготовка: читаем ответы (%1)…</translation>
    </message>
    <message>
        <source>First, the emergency response:</source>
        <translation>Сначала — экстренная помощь:</translation>
    </message>
    <message>
        <source>Then the answer:</source>
        <translation>Затем ответ:</translation>
    </message>
    <message>
        <source>The bot would send:</source>
        <translation>Бот отправит:</translation>
    </message>
    <message>
        <source>In a group chat the bot sends only the emergency numbers of this answer and offers to continue in private.</source>
        <translation>В групповом чате бот отправит только экстренные номера из этого ответа и предложит продолжить в личных сообщениях.</translation>
    </message>
    <message>
        <source>No other answer: the bot sends the emergency response alone.</source>
        <translation>Другого ответа нет: бот отправит только экстренную помощь.</translation>
    </message>
    <message>
        <source>Other answers that came close:</source>
        <translation>Другие близкие ответы:</translation>
    </message>
    <message>
        <source>Closest answers, not close enough to send:</source>
        <translation>Ближайшие ответы, но недостаточно близкие, чтобы их отправить:</translation>
    </message>
    <message>
        <source>From the latest release</source>
        <translation>Из последнего выпуска</translation>
    </message>
    <message>
        <source>Nothing is published yet: bots have no answers to send.</source>
        <translation>Пока ничего не опубликовано: боту нечего отправлять.</translation>
    </message>
    <message>
        <source>Reading the latest release…</source>
        <translation>Читаем последний выпуск…</translation>
    </message>
    <message>
        <source>From release %1: what bots send today</source>
        <translation>Из выпуска %1: что бот отправляет сейчас</translation>
    </message>
    <message>
        <source>The bot sends:</source>
        <translation>Бот отправляет:</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../review_dialogs.py" line="100"/>
        <source>Passphrase of your signing key:</source>
        <translation>Пароль вашего ключа подписи:</translation>
    </message>
    <message>
        <location filename="../review_dialogs.py" line="104"/>
        <source>Passphrase</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../review_dialogs.py" line="114"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../review_dialogs.py" line="134"/>
        <source>That passphrase is not right. Nothing was signed. Try again.</source>
        <translation>Пароль неверный. Ничего не подписано. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../review_dialogs.py" line="139"/>
        <source>There is no signing key for you on this computer. Nothing was signed. Sign on the computer where your key was made, or make one with “authoring-app keys new”.</source>
        <translation>На этом компьютере нет вашего ключа подписи. Ничего не подписано. Подпишите на компьютере, где создан ваш ключ, или создайте ключ командой «authoring-app keys new».</translation>
    </message>
    <message>
        <location filename="../review_dialogs.py" line="146"/>
        <source>Your key could not be opened: %1</source>
        <translation>Не удалось открыть ваш ключ: %1</translation>
    </message>
</context>
<context>
    <name>VisibilityChoice</name>
    <message>
        <location filename="../form_fields.py" line="258"/>
        <source>Group chats too</source>
        <translation>И в групповых чатах</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="259"/>
        <source>Private messages only</source>
        <translation>Только в личных сообщениях</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="260"/>
        <source>A bot may send this answer in a group chat.</source>
        <translation>Бот может отправить этот ответ в групповом чате.</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="262"/>
        <location filename="../form_fields.py" line="290"/>
        <source>A bot sends this answer only in a one-to-one chat, never in a group.</source>
        <translation>Бот отправляет этот ответ только в личной переписке, никогда в группе.</translation>
    </message>
    <message>
        <location filename="../form_fields.py" line="288"/>
        <source>A bot may send this answer in a group chat as well as in private.</source>
        <translation>Бот может отправить этот ответ и в групповом чате, и в личной переписке.</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../dialogs.py" line="35"/>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="37"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ServerDialogs</name>
    <message>
        <source>Unlock your SSH key</source>
        <translation>Разблокировать ключ SSH</translation>
    </message>
    <message>
        <source>Type the passphrase of your SSH key %1 to connect to the shared library.</source>
        <translation>Введите парольную фразу ключа SSH %1, чтобы подключиться к общей библиотеке.</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Вход на %1</translation>
    </message>
    <message>
        <source>The shared library at %1 asks who you are. Use your account on that server. Where the server offers access tokens, put the token in the password field.</source>
        <translation>Общая библиотека на %1 просит представиться. Войдите с учётной записью этого сервера. Если сервер выдаёт токены доступа, введите токен в поле пароля.</translation>
    </message>
    <message>
        <source>Your password is kept by this computer&apos;s password store (or, without one, in memory until the end of the day). It is never written into the library.</source>
        <translation>Пароль хранит хранилище паролей этого компьютера (а если его нет — память до конца дня). В библиотеку он не записывается никогда.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Парольная фраза:</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>&amp;Пароль или токен:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>First connection to %1</source>
        <translation>Первое подключение к %1</translation>
    </message>
    <message>
        <source>This computer has not connected to %1 before. To be sure it is your organisation&apos;s server and not someone in between, compare its fingerprint with the one your team lead gave you (by phone or in person).</source>
        <translation>Этот компьютер ещё не подключался к %1. Чтобы убедиться, что это сервер вашей организации, а не кто-то посередине, сравните его отпечаток с тем, который дал руководитель команды (по телефону или лично).</translation>
    </message>
    <message>
        <source>Connect only if the two are exactly the same. The app remembers this server.</source>
        <translation>Подключайтесь, только если они полностью совпадают. Приложение запомнит этот сервер.</translation>
    </message>
    <message>
        <source>They match: connect</source>
        <translation>Совпадают — подключиться</translation>
    </message>
    <message>
        <source>Do not connect</source>
        <translation>Не подключаться</translation>
    </message>
    <message>
        <source>Fingerprint (%1):</source>
        <translation>Отпечаток (%1):</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Address of the shared library</source>
        <translation>Адрес общей библиотеки</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Не подключено</translation>
    </message>
    <message>
        <source>Share this library</source>
        <translation>Сделать библиотеку общей</translation>
    </message>
    <message>
        <source>Connect this library to a shared library on your organisation&apos;s server (Gitea, Forgejo, GitLab, GitHub, or any server reachable over SSH), so that your colleagues&apos; computers can receive and send changes. The repository on the server should be empty, or hold this same library. Your team lead has the address; docs/sharing.md explains how to set one up.</source>
        <translation>Подключите эту библиотеку к общей библиотеке на сервере вашей организации (Gitea, Forgejo, GitLab, GitHub или любой сервер с доступом по SSH), чтобы компьютеры коллег могли получать и отправлять изменения. Репозиторий на сервере должен быть пустым или содержать эту же библиотеку. Адрес знает руководитель команды; как его создать, описано в docs/sharing.md.</translation>
    </message>
    <message>
        <source>&amp;Connect and sync</source>
        <translation>&amp;Подключить и синхронизировать</translation>
    </message>
    <message>
        <source>This library is now shared; Sync sends and receives changes.</source>
        <translation>Теперь библиотека общая: «Синхронизировать» отправляет и получает изменения.</translation>
    </message>
    <message>
        <source>Clone a shared library</source>
        <translation>Скопировать общую библиотеку</translation>
    </message>
    <message>
        <source>Copy a library your team shares to this computer. You then work on your copy and Sync sends and receives changes.</source>
        <translation>Скопируйте общую библиотеку команды на этот компьютер. Вы работаете с копией, а «Синхронизировать» отправляет и получает изменения.</translation>
    </message>
    <message>
        <source>&amp;Clone</source>
        <translation>&amp;Скопировать</translation>
    </message>
    <message>
        <source>Folder to keep the copy in</source>
        <translation>Папка для копии</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Keep the copy in:</source>
        <translation>Где хранить копию:</translation>
    </message>
    <message>
        <source>Where to keep the copy</source>
        <translation>Где хранить копию</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>the server</source>
        <translation>сервер</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <source>The shared library at %1 cannot be reached. Your work is saved on this computer and will be sent on a later sync.</source>
        <translation>Общая библиотека на %1 недоступна. Ваша работа сохранена на этом компьютере и будет отправлена при следующей синхронизации.</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Не удалось войти</translation>
    </message>
    <message>
        <source>The server %1 did not accept the user name and password, or none was given. Sync again and sign in with your account on that server (or an access token).</source>
        <translation>Сервер %1 не принял имя пользователя и пароль, или они не были введены. Запустите синхронизацию снова и войдите с учётной записью этого сервера (или с токеном доступа).</translation>
    </message>
    <message>
        <source>Your key is not accepted</source>
        <translation>Ваш ключ не принят</translation>
    </message>
    <message>
        <source>The server %1 does not accept this computer&apos;s SSH key. Send your public key to whoever runs the server and ask them to add it to your account.</source>
        <translation>Сервер %1 не принимает ключ SSH этого компьютера. Отправьте открытый ключ администратору сервера и попросите добавить его в вашу учётную запись.</translation>
    </message>
    <message>
        <source>Server not trusted</source>
        <translation>Сервер не подтверждён</translation>
    </message>
    <message>
        <source>This computer has not connected to %1 before, and its key was not accepted. Ask your team lead for the server&apos;s fingerprint and accept it only if it matches.</source>
        <translation>Этот компьютер ещё не подключался к %1, и ключ сервера не был принят. Узнайте отпечаток сервера у руководителя команды и примите ключ, только если отпечатки совпадают.</translation>
    </message>
    <message>
        <source>Warning: possible interception</source>
        <translation>Внимание: возможен перехват</translation>
    </message>
    <message>
        <source>The server %1 presents a different key than before. Someone may be intercepting the connection. Nothing was sent. Do not connect until whoever runs the server confirms that its key changed.</source>
        <translation>Сервер %1 предъявляет не тот ключ, что раньше. Возможно, соединение перехватывают. Ничего не отправлено. Не подключайтесь, пока администратор сервера не подтвердит, что ключ действительно сменился.</translation>
    </message>
    <message>
        <source>No shared library there</source>
        <translation>Общей библиотеки там нет</translation>
    </message>
    <message>
        <source>There is no shared library at that address on %1, or your account may not use it. Check the address and your access.</source>
        <translation>По этому адресу на %1 нет общей библиотеки, или у вашей учётной записи нет к ней доступа. Проверьте адрес и права доступа.</translation>
    </message>
    <message>
        <source>Others were sending changes</source>
        <translation>Другие отправляли изменения</translation>
    </message>
    <message>
        <source>Others were sending changes at the same moment. Everything is kept here; sync again in a minute.</source>
        <translation>В тот же момент изменения отправляли другие. Всё сохранено здесь; синхронизируйте снова через минуту.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлено</translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed.</source>
        <translation>Остановлено. Ничего не изменилось.</translation>
    </message>
    <message>
        <source>The library needs repair</source>
        <translation>Библиотеку нужно восстановить</translation>
    </message>
    <message>
        <source>This library is not on its branch; repair it before syncing.</source>
        <translation>Библиотека не на своей ветке; восстановите её перед синхронизацией.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <source>the desktop app</source>
        <translation>приложении</translation>
    </message>
    <message>
        <source>the command line</source>
        <translation>командной строке</translation>
    </message>
    <message>
        <source>Already syncing</source>
        <translation>Синхронизация уже идёт</translation>
    </message>
    <message>
        <source>%1 is already syncing this library (in %2). Wait for it to finish.</source>
        <translation>Эту библиотеку уже синхронизирует %1 (в %2). Дождитесь окончания.</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>Не синхронизировано</translation>
    </message>
    <message>
        <source>The shared library at %1 could not be used.</source>
        <translation>Не удалось воспользоваться общей библиотекой на %1.</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>Nothing was made yet.</source>
        <translation>Пока ничего не создано.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>The passphrase is too short.</source>
        <translation>Пароль слишком короткий.</translation>
    </message>
    <message>
        <source>Make my key</source>
        <translation>Создать ключ</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>Тот же пароль ещё раз:</translation>
    </message>
    <message>
        <source>Passphrase (at least %1 characters):</source>
        <translation>Пароль (не короче %1 символов):</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>Тот же пароль ещё раз</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Пароль ключа</translation>
    </message>
    <message>
        <source>%1, you have no signing key on this computer yet. What you save and every review step are signed with it, so that everyone can see they are yours. Choose a passphrase you will remember: nobody can recover it.</source>
        <translation>%1, на этом компьютере у вас ещё нет ключа подписи. Им подписывается всё, что вы сохраняете, и каждый шаг проверки, чтобы все видели, что это сделали вы. Выберите пароль, который вы запомните: восстановить его никто не сможет.</translation>
    </message>
    <message>
        <source>Make your signing key</source>
        <translation>Создание ключа подписи</translation>
    </message>
</context>
<context>
    <name>SessionKeys</name>
    <message>
        <source>Your key was made on this computer and sent to the library&apos;s governors for approval. Until they approve it, what you save is kept, but a doctor cannot sign it off yet. Keep your passphrase safe: nobody can recover it.</source>
        <translation>Ключ создан на этом компьютере и отправлен руководителям библиотеки на одобрение. Пока они его не одобрят, всё, что вы сохраняете, хранится, но врач пока не сможет это утвердить. Берегите пароль: восстановить его никто не сможет.</translation>
    </message>
    <message>
        <source>Your signing key is ready</source>
        <translation>Ваш ключ подписи готов</translation>
    </message>
    <message>
        <source>Key made, not proposed</source>
        <translation>Ключ создан, но не передан</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>What you save and every review step are signed with your own key, so that everyone can see they are yours. Unlock it once: it stays unlocked until you close the app, lock it, or someone else says who they are.</source>
        <translation>Всё, что вы сохраняете, и каждый шаг проверки подписываются вашим личным ключом, чтобы все видели, что это сделали вы. Откройте его один раз: он остаётся открытым, пока вы не закроете программу, не закроете ключ или пока другой человек не укажет, кто он.</translation>
    </message>
    <message>
        <source>Unlock your signing key</source>
        <translation>Откройте ключ подписи</translation>
    </message>
</context>
<context>
    <name>GovernanceDialog</name>
    <message>
        <source>Only the library&apos;s governors can sign here; everyone can read.</source>
        <translation>Подписывать здесь могут только руководители библиотеки; читать могут все.</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Не подписано</translation>
    </message>
    <message>
        <source>You decline the change shown.</source>
        <translation>Вы отклоняете показанное изменение.</translation>
    </message>
    <message>
        <source>Declining a change needs a reason.</source>
        <translation>Чтобы отклонить изменение, укажите причину.</translation>
    </message>
    <message>
        <source>Not declined</source>
        <translation>Не отклонено</translation>
    </message>
    <message>
        <source>Why do you decline it? Everyone who sees the change will read this.</source>
        <translation>Почему вы его отклоняете? Это прочитает каждый, кто увидит изменение.</translation>
    </message>
    <message>
        <source>Decline this change</source>
        <translation>Отклонить изменение</translation>
    </message>
    <message>
        <source>You sign exactly the change shown, line by line. It counts once %1 governors have signed it.</source>
        <translation>Вы подписываете ровно показанное изменение, строка за строкой. Оно начнёт действовать, когда его подпишут руководители (нужно подписей: %1).</translation>
    </message>
    <message>
        <source>Sign this change</source>
        <translation>Подписать изменение</translation>
    </message>
    <message>
        <source>You sign the library&apos;s people, rules and services exactly as they are now. Read them first: from then on, only what the governors sign counts.</source>
        <translation>Вы подписываете состав, правила и службы библиотеки точно в нынешнем виде. Сначала прочитайте их: с этого момента действует только то, что подписали руководители.</translation>
    </message>
    <message>
        <source>Sign the founding of this library</source>
        <translation>Подписать учреждение библиотеки</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Подписать</translation>
    </message>
    <message>
        <source>Signing as: %1
%2</source>
        <translation>Подписывает: %1
%2</translation>
    </message>
    <message>
        <source>declined by %1: %2</source>
        <translation>отклонено (%1): %2</translation>
    </message>
    <message>
        <source>signed by %1 of %2 governors needed</source>
        <translation>подписей руководителей: %1 из %2 нужных</translation>
    </message>
    <message>
        <source>proposed by %1 on %2</source>
        <translation>предложение: %1, %2</translation>
    </message>
    <message>
        <source>Change to %1</source>
        <translation>Изменение: %1</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>пока никто</translation>
    </message>
    <message>
        <source>Clinicians whose sign-offs count:</source>
        <translation>Врачи, чьё утверждение действует:</translation>
    </message>
    <message>
        <source>%1 of them must sign every change to the people, the rules and the services before it counts.</source>
        <translation>Любое изменение состава, правил и служб действует только после подписи %1 из них.</translation>
    </message>
    <message>
        <source>Governors:</source>
        <translation>Руководители:</translation>
    </message>
    <message>
        <source>Nothing can be signed off or published until %1 of its governors (%2) sign its people, rules and services as they are.</source>
        <translation>Ничего нельзя утвердить или опубликовать, пока руководители библиотеки (%2) не подпишут её состав, правила и службы в нынешнем виде (нужно подписей: %1).</translation>
    </message>
    <message>
        <source>This library is not founded yet.</source>
        <translation>Библиотека ещё не учреждена.</translation>
    </message>
    <message>
        <source>Nothing is waiting: the files are as the governors signed them.</source>
        <translation>Ничего не ждёт подписи: всё так, как подписали руководители.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Sign as:</source>
        <translation>Подписать как:</translation>
    </message>
    <message>
        <source>Sign as</source>
        <translation>Подписать как</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>Отклонить…</translation>
    </message>
    <message>
        <source>Sign this change…</source>
        <translation>Подписать изменение…</translation>
    </message>
    <message>
        <source>Sign the founding…</source>
        <translation>Подписать учреждение…</translation>
    </message>
    <message>
        <source>Waiting for the governors:</source>
        <translation>Ждут подписи руководителей:</translation>
    </message>
    <message>
        <source>The change, line by line</source>
        <translation>Изменение построчно</translation>
    </message>
    <message>
        <source>Changes waiting for the governors</source>
        <translation>Изменения, которые ждут подписи руководителей</translation>
    </message>
    <message>
        <source>Governors and rules</source>
        <translation>Руководители и правила</translation>
    </message>
    <message>
        <source>the services and their numbers</source>
        <translation>службы и их телефоны</translation>
    </message>
    <message>
        <source>the rules and the governors</source>
        <translation>правила и руководители</translation>
    </message>
    <message>
        <source>the people and their keys</source>
        <translation>состав и ключи людей</translation>
    </message>
    <message>
        <source>Who counts as a clinician, the rules, and changes waiting for the governors</source>
        <translation>Кто считается врачом, правила и изменения, которые ждут подписи руководителей</translation>
    </message>
    <message>
        <source>&amp;Governors and rules…</source>
        <translation>&amp;Руководители и правила…</translation>
    </message>
    <message>
        <source>See them</source>
        <translation>Посмотреть</translation>
    </message>
    <message>
        <source>%1 change(s) to the people, rules or services wait for the governors.</source>
        <translation>Изменения в составе, правилах или службах ждут подписи руководителей (%1).</translation>
    </message>
    <message>
        <source>This library is not founded yet: its governors must sign it before anything counts.</source>
        <translation>Библиотека ещё не учреждена: пока её руководители не подпишут её, ничего не действует.</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Signing as: %1</source>
        <translation>Подписывает: %1</translation>
    </message>
    <message>
        <source>Meaning of this signature: clinical approval for publication</source>
        <translation>Значение подписи: клиническое одобрение для публикации</translation>
    </message>
    <message>
        <source>Answer: %1 (%2)</source>
        <translation>Ответ: %1 (%2)</translation>
    </message>
    <message>
        <source>Text signed: %1</source>
        <translation>Подписываемый текст: %1</translation>
    </message>
    <message>
        <source>Any later change to this text, or to a service it shows, voids this sign-off.</source>
        <translation>Любая последующая правка этого текста или указанной в нём службы отменяет эту подпись.</translation>
    </message>
    <message>
        <source>DEMONSTRATION KEY: this sign-off counts only in a sample library.</source>
        <translation>ДЕМОНСТРАЦИОННЫЙ КЛЮЧ: эта подпись действует только в примере библиотеки.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Every check passes.</source>
        <translation>Все проверки пройдены.</translation>
    </message>
    <message>
        <source>Must fix</source>
        <translation>Нужно исправить</translation>
    </message>
    <message>
        <source>Passed by an exception</source>
        <translation>Пропущено по исключению</translation>
    </message>
    <message>
        <source>Consider</source>
        <translation>Обратите внимание</translation>
    </message>
    <message>
        <source>Exception recorded by governor %1: %2</source>
        <translation>Исключение записано руководителем %1: %2</translation>
    </message>
    <message>
        <source>Services and numbers it shows</source>
        <translation>Службы и номера, которые покажет ответ</translation>
    </message>
    <message>
        <source>%1: not in the directory</source>
        <translation>%1: нет в справочнике</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Нет.</translation>
    </message>
    <message>
        <source>The summary as the bot sends it</source>
        <translation>Краткий ответ так, как его отправит бот</translation>
    </message>
    <message>
        <source>Signing is refused: must-fix checks stand without a governor&apos;s exception (%1). Fix the answer, or ask a governor to record an exception with a reason.</source>
        <translation>Утвердить нельзя: обязательные проверки не пройдены, а исключения для них нет (%1). Исправьте ответ или попросите руководителя библиотеки записать исключение с обоснованием.</translation>
    </message>
    <message>
        <source>Passphrase of your signing key:</source>
        <translation>Пароль вашего ключа подписи:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>Утвердить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Let a must-fix check pass</source>
        <translation>Пропустить обязательную проверку</translation>
    </message>
    <message>
        <source>A governor may let a must-fix check pass for this exact text of “%1”, saying why. Doctors see the exception before they sign off, and it goes out with the answer. Any change to the text ends it.</source>
        <translation>Руководитель может пропустить обязательную проверку именно для этого текста ответа «%1», объяснив почему. Врачи видят это исключение до одобрения, и оно публикуется вместе с ответом. Любое изменение текста его отменяет.</translation>
    </message>
    <message>
        <source>Why this text may go out as it is (everyone who checks the answer reads this)</source>
        <translation>Почему этот текст можно публиковать как есть (это прочтёт каждый, кто проверяет ответ)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Governor</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Sign the exception…</source>
        <translation>Подписать исключение…</translation>
    </message>
    <message>
        <source>Sign the exception</source>
        <translation>Подписать исключение</translation>
    </message>
    <message>
        <source>Signing as: %1
You let “%2” pass for this exact text, because: %3</source>
        <translation>Подписывает: %1
Вы пропускаете проверку «%2» именно для этого текста, потому что: %3</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Подписать</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Не подписано</translation>
    </message>
    <message>
        <source>The exception is signed and recorded.</source>
        <translation>Исключение подписано и записано.</translation>
    </message>
    <message>
        <source>Save first</source>
        <translation>Сначала сохраните</translation>
    </message>
    <message>
        <source>Save the answer first: an exception holds for saved text.</source>
        <translation>Сначала сохраните ответ: исключение действует для сохранённого текста.</translation>
    </message>
    <message>
        <source>Nothing to let pass</source>
        <translation>Пропускать нечего</translation>
    </message>
    <message>
        <source>No must-fix check stands on this answer&apos;s text without an exception.</source>
        <translation>У текста этого ответа нет непройденных обязательных проверок без исключения.</translation>
    </message>
    <message>
        <source>No governors yet</source>
        <translation>Руководителей пока нет</translation>
    </message>
    <message>
        <source>Only a governor records an exception, and this library has no governors yet.</source>
        <translation>Исключение записывает только руководитель, а в этой библиотеке руководителей пока нет.</translation>
    </message>
    <message>
        <source>Let a must-fix check &amp;pass… (governor)</source>
        <translation>&amp;Пропустить обязательную проверку… (руководитель)</translation>
    </message>
    <message>
        <source>A governor lets a must-fix check pass for this exact text, saying why</source>
        <translation>Руководитель пропускает обязательную проверку именно для этого текста, объясняя почему</translation>
    </message>
    <message>
        <source>Example reason</source>
        <translation>Пример причины</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>&amp;Languages:</source>
        <translation>&amp;Языки:</translation>
    </message>
    <message>
        <source>&amp;Publish now…</source>
        <translation>&amp;Опубликовать сейчас…</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Причина (обязательно):</translation>
    </message>
    <message>
        <source>&amp;Withdraw from the bots…</source>
        <translation>&amp;Убрать из ботов…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Убрать…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>All languages (%1)</source>
        <translation>Все языки (%1)</translation>
    </message>
    <message>
        <source>Ask a publisher to publish now</source>
        <translation>Попросите публикатора опубликовать сейчас</translation>
    </message>
    <message>
        <source>Not withdrawn</source>
        <translation>Ответ не убран</translation>
    </message>
    <message>
        <source>Not withdrawn: a withdrawal is signed with your key.</source>
        <translation>Ответ не убран: снятие ответа подписывается вашим ключом.</translation>
    </message>
    <message>
        <source>Only a doctor can withdraw an answer</source>
        <translation>Убрать ответ может только врач</translation>
    </message>
    <message>
        <source>Only a doctor can withdraw</source>
        <translation>Убрать ответ может только врач</translation>
    </message>
    <message>
        <source>Publish an urgent release?</source>
        <translation>Опубликовать срочный выпуск?</translation>
    </message>
    <message>
        <source>Say why the answer is withdrawn: a withdrawal needs a reason.</source>
        <translation>Укажите, почему ответ убирают: без причины ответ убрать нельзя.</translation>
    </message>
    <message>
        <source>Take this answer off the bots in every language (doctors only)</source>
        <translation>Убрать этот ответ из ботов на всех языках (только для врачей)</translation>
    </message>
    <message>
        <source>There is no answer %1 in this library.</source>
        <translation>В этой библиотеке нет ответа %1.</translation>
    </message>
    <message>
        <source>This answer is already withdrawn.</source>
        <translation>Этот ответ уже убран.</translation>
    </message>
    <message>
        <source>What is wrong with this advice, and what should happen next</source>
        <translation>Что не так с этим советом и что делать дальше</translation>
    </message>
    <message>
        <source>Why it is withdrawn</source>
        <translation>Почему ответ убирают</translation>
    </message>
    <message>
        <source>Withdraw from the bots</source>
        <translation>Убрать из ботов</translation>
    </message>
    <message>
        <source>Withdraw “%1” from the bots</source>
        <translation>Убрать «%1» из ботов</translation>
    </message>
    <message>
        <source>Withdrawing</source>
        <translation>Ответ убирается</translation>
    </message>
    <message>
        <source>Withdrawn: %1 (%2).</source>
        <translation>Убран ответ %1 (%2).</translation>
    </message>
    <message>
        <source>Bots stop giving this answer: it is left out of the next release, and a publisher can take it off the bots at once. It comes back only when doctors sign it off again. Your signature and the reason are kept in the answer&apos;s history.</source>
        <translation>Боты перестанут давать этот ответ: он не войдёт в следующий выпуск, а публикатор может убрать его из ботов сразу. Ответ вернётся, только когда врачи снова его утвердят. Ваша подпись и причина сохранятся в истории ответа.</translation>
    </message>
    <message>
        <source>Say why the answer is withdrawn: a withdrawal needs a reason. It is signed with it and shown in the history.</source>
        <translation>Укажите, почему ответ убирают: без причины ответ убрать нельзя. Причина подписывается вместе с решением и видна в истории.</translation>
    </message>
    <message>
        <source>Only a doctor (the clinician role in the governed people.yaml), with their own key, can withdraw an answer.</source>
        <translation>Убрать ответ может только врач (роль clinician в утверждённом people.yaml) своим собственным ключом.</translation>
    </message>
    <message>
        <source>Bots keep giving it until they receive a release without it. Publish an urgent release now?</source>
        <translation>Боты будут давать этот ответ, пока не получат выпуск без него. Опубликовать срочный выпуск сейчас?</translation>
    </message>
    <message>
        <source>Bots keep giving it until a publisher publishes an urgent release, or confirms the current release (a signed notice: bots drop the answer at their next pull). Ask a publisher to do it now.</source>
        <translation>Боты будут давать этот ответ, пока публикатор не опубликует срочный выпуск или не подтвердит актуальность текущего (подписанное уведомление: боты уберут ответ при следующем обновлении). Попросите публикатора сделать это сейчас.</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <source>Insert a service</source>
        <translation>Вставить службу</translation>
    </message>
    <message>
        <source>Choose the service to name in the text. Readers see its name and contact as the directory has them, also after they change.</source>
        <translation>Выберите службу, которую нужно назвать в тексте. Читатели увидят её название и контакт так, как они записаны в справочнике, — даже после того, как их изменят.</translation>
    </message>
    <message>
        <source>Search by name or contact</source>
        <translation>Поиск по названию или контакту</translation>
    </message>
    <message>
        <source>Search services</source>
        <translation>Поиск служб</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Службы</translation>
    </message>
    <message>
        <source>No service matches. Try another word.</source>
        <translation>Такой службы нет. Попробуйте другое слово.</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Вставить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>BodyToolbar</name>
    <message>
        <source>• List</source>
        <translation>• Список</translation>
    </message>
    <message>
        <source>Turn the chosen lines into a bulleted list</source>
        <translation>Сделать выбранные строки списком</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. Список</translation>
    </message>
    <message>
        <source>Turn the chosen lines into a numbered list</source>
        <translation>Сделать выбранные строки нумерованным списком</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Make this line a heading inside the answer</source>
        <translation>Сделать эту строку заголовком внутри ответа</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Ссылка…</translation>
    </message>
    <message>
        <source>Link the chosen words to a web page</source>
        <translation>Сделать выбранные слова ссылкой на веб-страницу</translation>
    </message>
    <message>
        <source>Insert service…</source>
        <translation>Вставить службу…</translation>
    </message>
    <message>
        <source>Name a service from the directory; readers see its name and contact as the directory has them</source>
        <translation>Назвать службу из справочника; читатели увидят её название и контакт так, как они записаны в справочнике</translation>
    </message>
    <message>
        <source>Show source</source>
        <translation>Исходный текст</translation>
    </message>
    <message>
        <source>Show the text as it is stored, with its formatting marks and service references</source>
        <translation>Показать текст так, как он хранится: со знаками форматирования и ссылками на службы</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <source>Web address the words lead to:</source>
        <translation>Адрес страницы, на которую ведут слова:</translation>
    </message>
    <message>
        <source>Insert link</source>
        <translation>Вставить ссылку</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>B</source>
        <translation>Ж</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Жирный</translation>
    </message>
    <message>
        <source>Bold: make the chosen words bold</source>
        <translation>Жирный: выделить выбранные слова</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Outreach worker</source>
        <translation>Аутрич-работник</translation>
    </message>
    <message>
        <source>Make a new answer with File → New answer (Ctrl+N): write the question as people ask it, choose the topic and the language.</source>
        <translation>Создайте ответ: Файл → Новый ответ (Ctrl+N). Напишите вопрос так, как его задают люди, выберите тему и язык.</translation>
    </message>
    <message>
        <source>Fill in the short reply that fits one chat message, the ways people ask, and when to get help urgently. The Checks tab on the right says what is still missing.</source>
        <translation>Заполните короткий ответ (одно сообщение в чате), как люди спрашивают и когда нужна срочная помощь. Вкладка «Проверки» справа показывает, чего ещё не хватает.</translation>
    </message>
    <message>
        <source>Write the full answer below. The buttons above the text make words bold, lists, headings and links. Insert service (Ctrl+Shift+I) names a service from the directory: never type a phone number, the service&apos;s number is added for you.</source>
        <translation>Ниже напишите полный ответ. Кнопки над текстом выделяют слова жирным, делают списки, заголовки и ссылки. «Вставить службу» (Ctrl+Shift+I) добавляет службу из справочника: не вводите номера телефонов сами, номер службы подставится автоматически.</translation>
    </message>
    <message>
        <source>Save (Ctrl+S). Every save is kept: Answer → History shows each version and who saved it.</source>
        <translation>Сохраните (Ctrl+S). Каждое сохранение остаётся: Ответ → История показывает все версии и кто их сохранил.</translation>
    </message>
    <message>
        <source>When the answer is ready, send it for review in the Review tab. A doctor reads it and either signs it off or asks for changes.</source>
        <translation>Когда ответ готов, отправьте его на проверку во вкладке «Проверка». Врач прочитает его и утвердит или попросит исправить.</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Врач</translation>
    </message>
    <message>
        <source>The list on the left shows the answers waiting for you first.</source>
        <translation>В списке слева первыми стоят ответы, которые ждут вас.</translation>
    </message>
    <message>
        <source>Open one: the Review tab shows what changed since the last sign-off, the conversation about it, and every check.</source>
        <translation>Откройте ответ: вкладка «Проверка» показывает, что изменилось с последнего утверждения, обсуждение и результаты всех проверок.</translation>
    </message>
    <message>
        <source>Ask for changes with a note, or sign off. Before your passphrase, the app shows the exact text, every service it names and what your signature means.</source>
        <translation>Попросите исправить, оставив пояснение, или утвердите. Перед вводом пароля приложение покажет точный текст, все упомянутые службы и что означает ваша подпись.</translation>
    </message>
    <message>
        <source>Your sign-off holds for that exact text only: any later edit needs a new one. Each answer comes back for review when its review date passes.</source>
        <translation>Утверждение действует только для этого текста: после любой правки нужно новое. Когда подходит срок перепроверки, ответ возвращается к вам.</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Публикатор</translation>
    </message>
    <message>
        <source>Library → Publish shows which signed-off answers go out, what changed since the last release, and what stops anything else.</source>
        <translation>Библиотека → Опубликовать показывает, какие утверждённые ответы войдут в выпуск, что изменилось с прошлого выпуска и что мешает остальным.</translation>
    </message>
    <message>
        <source>Confirm the version the app proposes. The release is signed with your key and sent to every place the library names; the result says where it went.</source>
        <translation>Подтвердите версию, которую предлагает приложение. Выпуск подписывается вашим ключом и отправляется во все места, указанные в библиотеке; в итоге видно, куда он попал.</translation>
    </message>
    <message>
        <source>Chat bots and web sites pick up the new release by themselves and check its signatures before they use it.</source>
        <translation>Чат-боты и сайты сами забирают новый выпуск и проверяют его подписи, прежде чем использовать.</translation>
    </message>
    <message>
        <source>Governor</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>Governors decide who counts as a doctor or a publisher, how many doctors must sign each topic, and which services and numbers answers may name.</source>
        <translation>Руководители решают, кто считается врачом или публикатором, сколько врачей должны утвердить ответы каждой темы и какие службы и номера можно упоминать в ответах.</translation>
    </message>
    <message>
        <source>Library → Governors and rules shows every change waiting for your signature. A change counts only once enough governors have signed that exact file.</source>
        <translation>Библиотека → Руководители и правила показывает все изменения, которые ждут вашей подписи. Изменение вступает в силу, только когда его подписало достаточно руководителей.</translation>
    </message>
    <message>
        <source>Until then the app keeps using the last version the governors signed, and a release never uses the pending one.</source>
        <translation>До этого приложение пользуется последней подписанной версией, а в выпуск неподписанная версия не попадает.</translation>
    </message>
    <message>
        <source>What the statuses mean</source>
        <translation>Что значат состояния</translation>
    </message>
    <message>
        <source>Being written. Nobody has been asked to review this text yet.</source>
        <translation>Ответ пишется. На проверку этот текст ещё не отправляли.</translation>
    </message>
    <message>
        <source>Sent to the doctors; waiting for a sign-off or a request for changes.</source>
        <translation>Отправлен врачам; ждёт утверждения или просьбы исправить.</translation>
    </message>
    <message>
        <source>A doctor asked for changes. Edit and save, then send it again.</source>
        <translation>Врач попросил исправить. Исправьте, сохраните и отправьте снова.</translation>
    </message>
    <message>
        <source>Signed off by enough doctors; it goes out with the next release.</source>
        <translation>Утверждён нужным числом врачей; войдёт в следующий выпуск.</translation>
    </message>
    <message>
        <source>Signed off and in a release: chat bots and web sites are using it.</source>
        <translation>Утверждён и вошёл в выпуск: его используют чат-боты и сайты.</translation>
    </message>
    <message>
        <source>The sign-off is too old. A doctor must read it again; until then bots stop sending it.</source>
        <translation>Утверждение устарело. Врач должен прочитать ответ ещё раз; до тех пор боты его не отправляют.</translation>
    </message>
    <message>
        <source>Withdrawn on purpose; it is in no release.</source>
        <translation>Снят намеренно; ни в один выпуск не входит.</translation>
    </message>
    <message>
        <source>Two people changed it on different computers. Choose or combine the two texts before anything else.</source>
        <translation>Два человека изменили его на разных компьютерах. Сначала выберите один из текстов или объедините их.</translation>
    </message>
    <message>
        <source>Who to ask</source>
        <translation>К кому обращаться</translation>
    </message>
    <message>
        <source>Is the medical content right? Ask a doctor:</source>
        <translation>Вопрос о медицинском содержании — к врачу:</translation>
    </message>
    <message>
        <source>Why is an answer not in the bot yet? Ask a publisher:</source>
        <translation>Почему ответа ещё нет в боте — к публикатору:</translation>
    </message>
    <message>
        <source>Who may sign, or a service&apos;s number is wrong? Ask a governor:</source>
        <translation>Кто может утверждать, неверный номер службы — к руководителю:</translation>
    </message>
    <message>
        <source>nobody is named yet</source>
        <translation>пока никто не назначен</translation>
    </message>
    <message>
        <source>Anything else: ask the person who set up the app for you.</source>
        <translation>Остальные вопросы — к тому, кто настроил вам приложение.</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Справка</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Guide…</source>
        <translation>&amp;Руководство…</translation>
    </message>
    <message>
        <source>How to use the app, for your role</source>
        <translation>Как пользоваться приложением в вашей роли</translation>
    </message>
    <message>
        <source>A translation whose original changed since it was signed off, or is not signed off: a doctor signs off the original, then this translation again.</source>
        <translation>Перевод, оригинал которого изменился после утверждения или не утверждён: врач утверждает оригинал, затем снова этот перевод.</translation>
    </message>
</context>
<context>
    <name>HistoryCompare</name>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Short reply (for chat)</source>
        <translation>Краткий ответ (для чата)</translation>
    </message>
    <message>
        <source>How people ask it</source>
        <translation>Как спрашивают</translation>
    </message>
    <message>
        <source>Trigger words</source>
        <translation>Слова-сигналы</translation>
    </message>
    <message>
        <source>When to get help urgently</source>
        <translation>Когда нужна срочная помощь</translation>
    </message>
    <message>
        <source>Refer to</source>
        <translation>Куда направить</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Who can see it</source>
        <translation>Кому видно</translation>
    </message>
    <message>
        <source>Full answer</source>
        <translation>Полный ответ</translation>
    </message>
    <message>
        <source>Group chats too</source>
        <translation>И в групповых чатах</translation>
    </message>
    <message>
        <source>Private messages only</source>
        <translation>Только в личных сообщениях</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>Only the formatting changed (bold, lists, headings).</source>
        <translation>Изменилось только оформление (жирный шрифт, списки, заголовки).</translation>
    </message>
</context>
</TS>
