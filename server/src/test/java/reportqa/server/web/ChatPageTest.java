package reportqa.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * Issue #12: the chat page for a day's use, in a real headless Chromium against the real server:
 * errors shown once with 重试 and the question kept, the answer being written kept in view, broker ·
 * date said once a bullet, the extractive notice once a conversation, a favicon, dark mode, a phone
 * header in one row, long questions wrapped; no console errors.
 */
class ChatPageTest {

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start("zh-CN");
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void brokerAndDateAreSaidOnceABulletAndTheNoticeOnceAConversation() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            WebElement first = browser.askAndWait("德邦证券建议关注哪些公司？");
            assertTrue(first.getText().contains("未配置语言模型"), "the first answer says it quotes: " + first.getText());
            List<WebElement> bullets = first.findElements(By.cssSelector(".body li"));
            assertTrue(bullets.size() >= 2, first.getText());
            for (WebElement li : bullets) {
                assertTrue(li.getText().startsWith("德邦证券 · 约 2024-03："), li.getText());
                for (WebElement chip : li.findElements(By.cssSelector(".chip"))) {
                    // The bullet names broker and date: the chip shows its number, its name says the rest.
                    assertTrue(chip.getText().matches("\\d+"), "chip text: " + chip.getText());
                    assertTrue(chip.getAttribute("aria-label").contains("德邦证券 · 约 2024-03"));
                }
                assertEquals(1, count(li.getText(), "德邦证券 · 约 2024-03"), li.getText());
            }
            // A chip followed by 。 keeps it on its line.
            List<WebElement> wraps = first.findElements(By.cssSelector(".chip-wrap"));
            assertFalse(wraps.isEmpty());
            for (WebElement w : wraps) {
                assertTrue(w.getText().matches("\\d+[。，、；：！？）」』”’.,;:!?)]"), w.getText());
            }
            assertEquals(
                    List.of(), first.findElements(By.cssSelector(".answer-mode")), "the header says extractive once");
            assertTrue(browser.driver.findElement(By.id("mode")).getText().contains("摘录式回答"));

            WebElement second = browser.askAndWait("上海证券 3 月 25 日的周报讲了什么？");
            assertFalse(second.getText().contains("未配置语言模型"), "said once a conversation: " + second.getText());
            browser.screenshot("desktop-once.png");
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void theAnswerBeingWrittenStaysInViewQuestionAfterQuestion() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            for (String q : List.of("Sora 能生成多长的视频？", "德邦证券建议关注哪些公司？", "Kimi 支持多少字的上下文？")) {
                browser.askAndWait(q);
                Map<?, ?> list = (Map<?, ?>) browser.js("const l = document.getElementById('messages');"
                        + "return {top: l.scrollTop, height: l.clientHeight, scroll: l.scrollHeight};");
                double hidden = ((Number) list.get("scroll")).doubleValue()
                        - ((Number) list.get("top")).doubleValue()
                        - ((Number) list.get("height")).doubleValue();
                assertTrue(hidden <= 2, "the answer to '" + q + "' ends " + hidden + " px below the fold");
            }
            browser.screenshot("desktop-third-answer.png");
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void whileAnAnswerIsWrittenItStaysInViewUntilTheReaderScrollsUp() throws Exception {
        try (reportqa.server.FakeOpenAi fake = new reportqa.server.FakeOpenAi()) {
            // A token every 200 ms: the answer grows for a minute unless stopped.
            fake.streamingSlowly("Sora 可以生成长达一分钟的视频，画面连贯，细节丰富。\n");
            withModel(fake, (qa, client) -> {
                browser.open(client.base());
                browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 600));
                WebElement q = browser.driver.findElement(By.id("question"));
                q.sendKeys("Sora 能生成多长的视频？" + Keys.ENTER);
                // Long enough to run below the fold of a 600 px window.
                browser.waiting()
                        .until(d -> ((Number) browser.js("const l = document.getElementById('messages');"
                                                + "return l.scrollHeight - l.clientHeight;"))
                                        .intValue()
                                > 300);
                Thread.sleep(1_000);
                Number hidden = (Number) browser.js("const l = document.getElementById('messages');"
                        + "return l.scrollHeight - l.scrollTop - l.clientHeight;");
                assertTrue(
                        hidden.doubleValue() <= 2, "while written, the answer ends " + hidden + " px below the fold");
                browser.screenshot("desktop-streaming-in-view.png");

                // The reader scrolls up to read: the growing answer no longer pulls the list down.
                browser.js("document.getElementById('messages').scrollTop = 0;");
                Thread.sleep(1_500);
                assertEquals(
                        0, ((Number) browser.js("return document.getElementById('messages').scrollTop;")).intValue());
                browser.driver.findElement(By.id("stop")).click();
                browser.waiting()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.assistant .error")));
                assertEquals(List.of(), browser.consoleErrors());
            });
        }
    }

    @Test
    void anErrorIsShownOnceInTheAnswersPlaceWithRetryAndTheQuestionKept() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            Javalin second = qa.server().create().start("127.0.0.1", 0);
            int port = second.port();
            browser.open("http://127.0.0.1:" + port);
            second.stop();
            WebElement q = browser.driver.findElement(By.id("question"));
            q.sendKeys("Sora 能生成多长的视频？");
            q.sendKeys(Keys.ENTER);
            WebElement error = browser.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.assistant .error")));
            assertTrue(error.getText().contains("无法连接服务器"), error.getText());
            assertFalse(browser.driver.findElement(By.id("status")).isDisplayed(), "not a second time in a banner");
            assertEquals("Sora 能生成多长的视频？", q.getAttribute("value"), "the question is kept");
            assertTrue(browser.driver.findElement(By.id("send")).isEnabled());
            browser.screenshot("desktop-error-retry.png");

            // The server is back: 重试 answers in the failed answer's place.
            Javalin again = qa.server().create().start("127.0.0.1", port);
            try {
                error.findElement(By.cssSelector(".retry")).click();
                browser.waiting().until(d -> !d.findElements(By.cssSelector(".msg.assistant.done"))
                        .isEmpty());
                assertEquals(
                        1,
                        browser.driver.findElements(By.cssSelector(".msg.user")).size());
                assertEquals(
                        1,
                        browser.driver
                                .findElements(By.cssSelector(".msg.assistant"))
                                .size());
                assertTrue(browser.driver
                        .findElements(By.cssSelector(".msg .error"))
                        .isEmpty());
                assertEquals("", q.getAttribute("value"), "the retried question left the box");
            } finally {
                again.stop();
            }
            // Only the refused connections were logged.
            assertTrue(
                    browser.consoleErrors().stream().allMatch(e -> e.contains("ERR_CONNECTION_REFUSED")),
                    "console errors besides the refused connection");
        });
    }

    @Test
    void aFaviconDarkModeAPhoneHeaderInOneRowAndLongQuestionsWrapped() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            assertEquals(200, client.get("/favicon.ico").status());
            assertEquals(200, client.get("/favicon.svg").status());
            browser.open(client.base());
            assertEquals(List.of(), browser.consoleErrors(), "no 404 for the favicon, nothing else");
            String href = (String) browser.js("return document.querySelector('link[rel=icon]').href;");
            assertTrue(href.endsWith("/favicon.svg"), href);

            String longWord = "x".repeat(400);
            WebElement asked = browser.askAndWait(longWord);
            WebElement bubble = browser.driver.findElement(By.cssSelector(".msg.user"));
            Number overflow =
                    (Number) browser.js("return arguments[0].scrollWidth - arguments[0].clientWidth;", bubble);
            assertTrue(overflow.intValue() <= 0, "the long question overflows its bubble by " + overflow + " px");
            assertTrue(asked.isDisplayed());

            browser.driver.manage().window().setSize(Browser.PHONE);
            Number header =
                    (Number) browser.js("return document.querySelector('.topbar').getBoundingClientRect().height;");
            assertTrue(header.doubleValue() <= 56, "the phone header takes " + header + " px");
            Number scrollWidth = (Number) browser.js("return document.documentElement.scrollWidth;");
            assertTrue(scrollWidth.intValue() <= 391, "no sideways scrolling: " + scrollWidth);
            browser.screenshot("phone-header.png");

            browser.driver.executeCdpCommand(
                    "Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            browser.driver.manage().window().setSize(Browser.DESKTOP);
            String bg = (String) browser.js("return getComputedStyle(document.body).backgroundColor;");
            assertTrue(luminance(bg) < 0.2, "dark mode's background: " + bg);
            String ink = (String) browser.js("return getComputedStyle(document.body).color;");
            assertTrue(luminance(ink) > 0.6, "dark mode's text: " + ink);
            browser.screenshot("desktop-dark.png");
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void everySentenceComesFromTheCatalogueInChineseOrEnglishAndErrorsAreSaidAsSentences() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            // Both languages have every sentence, and every error code the server sends has one.
            assertEquals(
                    Boolean.TRUE,
                    browser.js("const zh = Object.keys(MESSAGES.zh).sort(), en = Object.keys(MESSAGES.en).sort();"
                            + "return JSON.stringify(zh) === JSON.stringify(en);"));
            for (reportqa.server.http.ErrorCode code : reportqa.server.http.ErrorCode.values()) {
                assertEquals(
                        Boolean.TRUE,
                        browser.js("return !!MESSAGES.zh['error.' + arguments[0]];", code.key()),
                        "no sentence for " + code.key());
            }
            assertEquals("zh-CN", browser.js("return document.documentElement.lang;"));

            // The question narrowed the search: said in Chinese.
            WebElement narrowed = browser.askAndWait("德邦证券建议关注哪些公司？").findElement(By.cssSelector(".narrowed"));
            assertEquals("已按问题中提到的券商 德邦证券检索", narrowed.getText());

            // A refusal is a sentence, not the server's words ("question has 2100 characters; at most 2000").
            WebElement q = browser.driver.findElement(By.id("question"));
            browser.js("arguments[0].value = arguments[1];", q, "长".repeat(2100));
            q.sendKeys(Keys.ENTER);
            WebElement error = browser.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.assistant .error span")));
            assertEquals("问题太长了，请缩短后再问。", error.getText());

            // English, switched to on the page and remembered.
            browser.driver.findElement(By.id("lang")).click();
            assertEquals("en", browser.js("return document.documentElement.lang;"));
            assertEquals("Send", browser.driver.findElement(By.id("send")).getText());
            assertEquals(
                    "Searched only broker 德邦证券 (named in the question)",
                    browser.driver.findElement(By.cssSelector(".narrowed")).getText());
            browser.driver.navigate().refresh();
            browser.waiting()
                    .until(d -> !d.findElement(By.id("broker-list")).getText().isBlank());
            assertEquals(
                    "New chat", browser.driver.findElement(By.id("new-chat")).getText());
            assertTrue(browser.driver.findElement(By.id("mode")).getText().startsWith("Quoted answers"));
            browser.screenshot("desktop-english.png");
            browser.driver.findElement(By.id("lang")).click();
            assertEquals("新对话", browser.driver.findElement(By.id("new-chat")).getText());
            // Chromium logs the refused request itself; nothing else.
            List<String> errors = browser.consoleErrors();
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(
                    errors.get(0).contains("/api/ask/stream") && errors.get(0).contains("400"), errors.toString());
        });
        // A browser whose language is English opens the page in English.
        try (Browser english = Browser.start("en-US")) {
            TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
                english.open(client.base());
                assertEquals("en", english.js("return document.documentElement.lang;"));
                assertEquals(
                        "Library",
                        english.driver.findElement(By.id("open-library")).getText());
                assertEquals(List.of(), english.consoleErrors());
            });
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheChatTheViewerOrTheLibrary() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            assertEquals(List.of(), browser.seriousViolations(), "the empty chat page");
            WebElement answer = browser.askAndWait("Sora 能生成多长的视频？");
            assertEquals(List.of(), browser.seriousViolations(), "the chat page with an answer");

            answer.findElement(By.cssSelector(".chip")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#viewer-text mark")));
            assertEquals(List.of(), browser.seriousViolations(), "the viewer");
            browser.driver.findElement(By.id("viewer-close")).click();

            browser.driver.findElement(By.id("open-library")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("library-table")));
            assertEquals(List.of(), browser.seriousViolations(), "the library");
            browser.driver.findElement(By.id("library-close")).click();

            browser.driver.executeCdpCommand(
                    "Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            assertEquals(List.of(), browser.seriousViolations(), "the chat page in dark mode");
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void conversationsAreKeptListedRenamedSwitchedAndDeleted() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            browser.askAndWait("Sora 能生成多长的视频？");
            assertEquals(List.of("Sora 能生成多长的视频？"), titles());
            browser.driver.findElement(By.id("new-chat")).click();
            assertEquals(List.of("新对话", "Sora 能生成多长的视频？"), titles(), "the first is kept");
            assertTrue(browser.driver.findElements(By.cssSelector(".msg")).isEmpty());
            browser.askAndWait("Kimi 支持多少字的上下文？");
            assertEquals(List.of("Kimi 支持多少字的上下文？", "Sora 能生成多长的视频？"), titles());

            // Back to the first: its question and answer.
            conversation("Sora 能生成多长的视频？")
                    .findElement(By.cssSelector(".open-conversation"))
                    .click();
            assertEquals(
                    "Sora 能生成多长的视频？",
                    browser.driver
                            .findElement(By.cssSelector(".msg.user .text"))
                            .getText());
            assertEquals(
                    1,
                    browser.driver
                            .findElements(By.cssSelector(".msg.assistant.done"))
                            .size());
            assertEquals(
                    "true",
                    conversation("Sora 能生成多长的视频？")
                            .findElement(By.cssSelector(".open-conversation"))
                            .getAttribute("aria-current"));

            conversation("Sora 能生成多长的视频？")
                    .findElement(By.cssSelector(".rename-conversation"))
                    .click();
            var prompt = browser.driver.switchTo().alert();
            prompt.sendKeys("Sora 时长");
            prompt.accept();
            assertEquals(List.of("Kimi 支持多少字的上下文？", "Sora 时长"), titles());
            browser.screenshot("desktop-conversations.png");

            // Kept across a reload, the current one too.
            browser.driver.navigate().refresh();
            browser.waiting()
                    .until(d -> !d.findElement(By.id("broker-list")).getText().isBlank());
            assertEquals(List.of("Kimi 支持多少字的上下文？", "Sora 时长"), titles());
            assertEquals(
                    "Sora 能生成多长的视频？",
                    browser.driver
                            .findElement(By.cssSelector(".msg.user .text"))
                            .getText());

            conversation("Kimi 支持多少字的上下文？")
                    .findElement(By.cssSelector(".delete-conversation"))
                    .click();
            browser.driver.switchTo().alert().accept();
            assertEquals(List.of("Sora 时长"), titles());

            // Another tab kept a conversation meanwhile: this tab's next save keeps it, and lists it.
            browser.js("const list = JSON.parse(localStorage.getItem('reportqa.conversations.v1'));"
                    + "list.push({id: 'other-tab', title: '另一个标签页', updated: 1, turns: []});"
                    + "localStorage.setItem('reportqa.conversations.v1', JSON.stringify(list));");
            conversation("Sora 时长")
                    .findElement(By.cssSelector(".rename-conversation"))
                    .click();
            var again = browser.driver.switchTo().alert();
            again.sendKeys("Sora 视频时长");
            again.accept();
            assertEquals(List.of("Sora 视频时长", "另一个标签页"), titles());
            assertTrue(
                    ((String) browser.js("return localStorage.getItem('reportqa.conversations.v1');"))
                            .contains("other-tab"),
                    "the other tab's conversation is kept");
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void anAnswerIsCopiedAsMarkdownExportedPrintedRegeneratedAndItsQuestionEdited() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            WebElement answer = browser.askAndWait("Sora 能生成多长的视频？");
            WebElement copy = answer.findElement(By.cssSelector(".copy"));
            copy.click();
            browser.waiting().until(d -> copy.getAttribute("data-copied") != null);
            String copied = copy.getAttribute("data-copied");
            assertTrue(copied.contains("[^1]") && copied.contains("\n[^1]: "), copied);
            assertFalse(copied.matches("(?s).*[^^]\\[1\\].*"), "every [1] a footnote reference: " + copied);

            // Export: the conversation as a Markdown file.
            browser.js("window.exported = null; const make = URL.createObjectURL;"
                    + "URL.createObjectURL = (b) => { b.text().then(x => window.exported = x); return make(b); };");
            browser.driver.findElement(By.id("export-chat")).click();
            browser.waiting().until(d -> browser.js("return window.exported;") != null);
            String exported = (String) browser.js("return window.exported;");
            assertTrue(exported.startsWith("# Sora 能生成多长的视频？\n\n## Sora 能生成多长的视频？\n\n"), exported);
            assertTrue(exported.contains("[^1-1]: "), exported);

            // Printing shows the conversation alone.
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertFalse(browser.driver.findElement(By.cssSelector(".sources")).isDisplayed());
            assertFalse(browser.driver.findElement(By.id("ask-form")).isDisplayed());
            assertTrue(answer.isDisplayed());
            browser.screenshot("desktop-print.png");
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            // A verdict: kept by the server with the answer's citations, said on the page.
            answer.findElement(By.cssSelector(".verdict[data-verdict='wrong_citation']"))
                    .click();
            WebElement given = browser.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".feedback-given")));
            assertEquals("已记录：引用有误", given.getText());
            var kept = client.get("/api/feedback").json().path("feedback");
            assertEquals(1, kept.size());
            assertEquals("Sora 能生成多长的视频？", kept.path(0).path("question").asText());
            assertFalse(kept.path(0)
                    .path("citations")
                    .path(0)
                    .path("passageId")
                    .asText()
                    .isEmpty());

            // Regenerate: a new answer in the old one's place.
            answer.findElement(By.cssSelector(".regenerate")).click();
            browser.waiting()
                    .until(d -> d.findElements(By.cssSelector(".msg.assistant.done"))
                                            .size()
                                    == 1
                            && !d.findElements(By.cssSelector(".msg.assistant .regenerate"))
                                    .isEmpty());
            assertEquals(
                    1, browser.driver.findElements(By.cssSelector(".msg.user")).size());

            // Edit the question and send it: it replaces the old question and its answer.
            browser.driver
                    .findElement(By.cssSelector(".msg.user .edit-question"))
                    .click();
            WebElement q = browser.driver.findElement(By.id("question"));
            assertEquals("Sora 能生成多长的视频？", q.getAttribute("value"));
            q.clear();
            q.sendKeys("Kimi 支持多少字的上下文？" + Keys.ENTER);
            browser.waiting()
                    .until(d -> d.findElements(By.cssSelector(".msg.assistant.done"))
                                            .size()
                                    == 1
                            && d.findElement(By.cssSelector(".msg.user .text"))
                                    .getText()
                                    .startsWith("Kimi"));
            List<WebElement> asked = browser.driver.findElements(By.cssSelector(".msg.user .text"));
            assertEquals(1, asked.size());
            assertEquals("Kimi 支持多少字的上下文？", asked.get(0).getText());
            assertEquals(
                    1,
                    browser.driver
                            .findElements(By.cssSelector(".msg.assistant"))
                            .size());
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void aModelsCitationsAreNumberedAsTheyStreamAsTheFinishedAnswerNumbersThem() throws Exception {
        try (reportqa.server.FakeOpenAi fake = new reportqa.server.FakeOpenAi()) {
            // Passage 2 cited first, a list, a full-width bracket, a passage it was never given.
            // Each piece on its own, 150 ms apart: sent at once, the page may draw only the finished
            // answer (CI on b9a9694 saw no streamed text at all).
            fake.replying("Sora 最长可生成 1 分钟的视频[2,1]。另一份报告也这样说【3】[3]。无中生有的引用[9]。").pausingBetweenChunks(150);
            withModel(fake, (qa, client) -> {
                browser.open(client.base());
                browser.waiting()
                        .until(d -> d.findElement(By.id("mode")).getText().contains("test-model"));
                // Every text the answer shows while it is written.
                browser.js("window.shown = []; new MutationObserver(() => {"
                        + " const b = document.querySelector('.msg.assistant .body.streaming');"
                        + " if (b && b.textContent) window.shown.push(b.textContent); })"
                        + ".observe(document.getElementById('messages'),"
                        + " {subtree: true, childList: true, characterData: true});");
                WebElement answer = browser.askAndWait("Sora 能生成多长的视频？");
                String done = answer.findElement(By.cssSelector(".body")).getText();
                List<?> shown = (List<?>) browser.js("return window.shown;");
                assertFalse(shown.isEmpty(), "the answer streamed");
                String last = String.valueOf(shown.get(shown.size() - 1));
                assertEquals("Sora 最长可生成 1 分钟的视频[1][2]。另一份报告也这样说[3]。无中生有的引用。", last, "while written: " + shown);
                for (Object text : shown) {
                    assertFalse(
                            String.valueOf(text).matches("(?s).*(\\[2,|【|\\[9]).*"), "raw citations shown: " + text);
                }
                // The finished answer: the same numbers, now chips.
                assertTrue(done.startsWith("Sora 最长可生成 1 分钟的视频"), done);
                List<WebElement> chips = answer.findElements(By.cssSelector(".chip"));
                assertEquals(
                        List.of("1", "2", "3"),
                        chips.stream().map(c -> c.getAttribute("data-n")).toList());
                assertEquals(List.of(), browser.consoleErrors());
            });
        }
    }

    @Test
    void industryRatingAndAnalystFiltersNarrowTheSourcesToTheirReports() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            java.util.Map<String, JsonNodeView> reports = new java.util.HashMap<>();
            for (var r : client.get("/api/reports").json()) {
                reports.put(
                        r.path("id").asText(),
                        new JsonNodeView(
                                r.path("industry").asText(), r.path("analysts").toString()));
            }
            browser.open(client.base());
            WebElement computers = browser.driver.findElement(By.cssSelector("#industry-list input[value='计算机']"));
            computers.click();
            assertTrue(
                    browser.driver
                            .findElement(By.id("active-filters"))
                            .getText()
                            .contains("行业：计算机"),
                    browser.driver.findElement(By.id("active-filters")).getText());
            browser.askAndWait("Sora 能生成多长的视频？");
            List<WebElement> sources = browser.driver.findElements(By.cssSelector("#sources .source"));
            assertFalse(sources.isEmpty());
            for (WebElement s : sources) {
                String id = s.getAttribute("data-report");
                assertEquals("计算机", reports.get(id).industry(), "a source from " + id);
            }

            // No report is both 计算机 and by 倪爽 (a 传媒 analyst): said, and nothing asked.
            browser.driver
                    .findElement(By.cssSelector("#analyst-list input[value='倪爽']"))
                    .click();
            int asked = browser.driver.findElements(By.cssSelector(".msg.user")).size();
            WebElement q = browser.driver.findElement(By.id("question"));
            q.sendKeys("Sora 能生成多长的视频？" + Keys.ENTER);
            WebElement status = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("status")));
            assertTrue(status.getText().contains("没有报告同时符合"), status.getText());
            assertEquals(
                    asked,
                    browser.driver.findElements(By.cssSelector(".msg.user")).size());
            assertEquals("Sora 能生成多长的视频？", q.getAttribute("value"));
            browser.screenshot("desktop-facets.png");
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void theViewerMarksTheCitedSentenceInsideTheCitedPassage() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            WebElement answer = browser.askAndWait("Sora 能生成多长的视频？");
            WebElement bullet = answer.findElement(By.cssSelector(".body li"));
            bullet.findElement(By.cssSelector(".chip")).click();
            WebElement sentence =
                    browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cited-sentence")));
            String passage = browser.driver.findElement(By.id("cited-span")).getText();
            assertTrue(sentence.getText().length() < passage.length(), sentence.getText() + " / " + passage);
            String said = bullet.getText().replaceAll("^[^：]*：", "").replaceAll("[\\s\\p{P}\\d]+$", "");
            String marked = sentence.getText().replaceAll("[\\s\\p{P}]", "");
            assertTrue(
                    said.replaceAll("[\\s\\p{P}]", "").contains(marked.substring(0, Math.min(20, marked.length()))),
                    "the marked sentence '" + sentence.getText() + "' is what the bullet quotes: " + bullet.getText());
            browser.screenshot("desktop-viewer-sentence.png");
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void theLibrarySuggestsQuestionsAndEachAnswerTwoOrThreeToAskNext() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            browser.open(client.base());
            List<String> suggested = browser.driver.findElements(By.cssSelector(".empty .example")).stream()
                    .map(WebElement::getText)
                    .toList();
            // The latest report of the seed library is 上海证券's of 2024-03-25.
            assertTrue(
                    suggested.contains("《周观点：Kimi 升级 200 万超长文本输入，Colossal AI 开源视频生成模型 Open Sora 1.0》的主要观点是什么？"),
                    suggested.toString());
            assertTrue(suggested.contains("上海证券建议关注哪些公司？"), suggested.toString());
            assertTrue(suggested.size() >= 4 && suggested.size() <= 5, suggested.toString());
            browser.screenshot("desktop-suggestions.png");

            browser.driver.findElement(By.cssSelector(".empty .example")).click();
            browser.waiting().until(d -> !d.findElements(By.cssSelector(".msg.assistant.done"))
                    .isEmpty());
            WebElement answer = browser.driver.findElement(By.cssSelector(".msg.assistant.done"));
            List<WebElement> next = answer.findElements(By.cssSelector(".follow-ups .follow-up"));
            assertTrue(next.size() >= 2 && next.size() <= 3, "follow-ups: " + next.size());
            String advice = next.get(0).getText();
            assertTrue(advice.startsWith("上海证券《") && advice.endsWith("的投资建议是什么？"), advice);
            next.get(1).click();
            browser.waiting()
                    .until(d -> d.findElements(By.cssSelector(".msg.assistant.done"))
                                    .size()
                            == 2);
            assertEquals(
                    "有哪些风险提示？",
                    browser.driver
                            .findElements(By.cssSelector(".msg.user .text"))
                            .get(1)
                            .getText());
            assertTrue(
                    browser.driver
                            .findElements(By.cssSelector(".msg.assistant"))
                            .get(0)
                            .findElements(By.cssSelector(".follow-up"))
                            .isEmpty(),
                    "only the latest answer suggests what to ask next");
            List<WebElement> answers = browser.driver.findElements(By.cssSelector(".msg.assistant"));
            assertTrue(
                    answers.get(0).findElements(By.cssSelector(".regenerate")).isEmpty(),
                    "only the last answer is regenerated (in its place)");
            assertEquals(
                    1,
                    answers.get(1).findElements(By.cssSelector(".regenerate")).size());
            assertEquals(List.of(), browser.consoleErrors());
        });
    }

    @Test
    void aFailingModelIsSaidOnceAsASentenceItsErrorFoldedAway() throws Exception {
        try (reportqa.server.FakeOpenAi fake = new reportqa.server.FakeOpenAi()) {
            fake.failingWith(500);
            withModel(fake, (qa, client) -> {
                browser.open(client.base());
                WebElement answer = browser.askAndWait("Sora 能生成多长的视频？");
                String reason = client.post("/api/ask", "{\"question\": \"Sora 能生成多长的视频？\"}")
                        .json()
                        .path("degraded")
                        .asText();
                assertTrue(reason.contains("HTTP 500"), reason);
                WebElement note = answer.findElement(By.cssSelector(".degraded"));
                assertEquals(
                        "语言模型未能作答，以下为从研报中直接摘录的相关原句。",
                        note.findElement(By.cssSelector("span")).getText());
                assertFalse(
                        answer.findElement(By.cssSelector(".degraded details")).getAttribute("open") != null,
                        "the server's words are folded away");
                // Shown once: not in the answer's text, not in its header.
                assertFalse(
                        answer.findElement(By.cssSelector(".body")).getText().contains("HTTP 500"));
                assertFalse(answer.getText().contains("未能作答：the model"), answer.getText());
                assertEquals(1, count(answer.getText(), "未能作答"), answer.getText());
                assertTrue(answer.findElements(By.cssSelector(".chip")).size() > 0);
                browser.screenshot("desktop-model-failed.png");
                assertEquals(List.of(), browser.consoleErrors());
            });
        }
    }

    /** What the facet test needs of a report. */
    private record JsonNodeView(String industry, String analysts) {}

    private static List<String> titles() {
        return browser.driver.findElements(By.cssSelector("#conversation-list .open-conversation")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static WebElement conversation(String title) {
        return browser.driver.findElements(By.cssSelector("#conversation-list .conversation")).stream()
                .filter(c -> c.findElement(By.cssSelector(".open-conversation"))
                        .getText()
                        .equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no conversation " + title + " in " + titles()));
    }

    /** The seed library served with {@code fake} as its OpenAI-compatible model. */
    private static void withModel(reportqa.server.FakeOpenAi fake, TestServer.Body body) throws Exception {
        ServerConfig config = ServerConfig.defaults()
                .withLlm(
                        reportqa.server.config.LlmProvider.OPENAI,
                        fake.baseUrl(),
                        "test-model",
                        "sk-test",
                        java.time.Duration.ofSeconds(10));
        TestServer.test(
                config, TestServer.seedCorpus(), reportqa.server.answer.generate.ModelFactory.create(config), body);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The relative luminance (0 black, 1 white) of a CSS rgb() or rgba() colour. */
    private static double luminance(String rgb) {
        String[] p = rgb.replaceAll("[^0-9.,]", "").split(",");
        double r = Double.parseDouble(p[0]) / 255;
        double g = Double.parseDouble(p[1]) / 255;
        double b = Double.parseDouble(p[2]) / 255;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
}
