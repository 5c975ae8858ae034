"""The Brazilian demo journal's world (issue 19): `netjournal demo --lang pt-BR`.

The same shapes as the English world of journal.demo (and of the groups of
journal.demo_groups and the qualities of journal.demo_reach), written in
Brazilian Portuguese: a São Paulo neighbourhood, its padaria and its tasca,
Brazilian names with their accents, notes and topics in Portuguese. The
generator is the same, so a seed gives the same journal every time, and the
English demo is untouched.

Places of a setting share a grammatical gender, so that the sentences can say
"na {place}" or "no {place}" (na Padaria Real, no Café Lua).
"""
from __future__ import annotations

from .demo_groups import _Plan

# (setting, weight, places with weights, hours (start, end) of a typical visit)
SETTINGS = {
    "padaria": (14, [("Padaria Real", 8), ("Padaria Estrela", 2), ("Panificadora Bom Dia", 1)], (7, 10)),
    "café": (15, [("Café Lua", 5), ("Coado Café", 3), ("Santo Grão", 1)], (9, 17)),
    "restaurante": (11, [("Tasca do Zé", 6), ("Cantina Nove", 3), ("Churrascaria Gaúcha", 2), ("Lanchonete da Praça", 1)], (12, 22)),
    "trabalho": (20, [("Escritório", 8), ("Cliente da Av. Paulista", 2), ("Colmeia coworking", 3)], (9, 18)),
    "evento": (8, [("Meetup de Python", 3), ("Café da manhã de startups", 2), ("Encontro de dados abertos", 2),
                   ("Papo da semana de design", 1), ("Clube do livro", 1)], (18, 21)),
    "vizinhança": (12, [("Portaria do prédio", 3), ("Praça da Estrela", 3), ("Feira de sábado", 2), ("Farmácia", 1)], (8, 20)),
    "transporte": (8, [("Ônibus 875", 3), ("Metrô linha 4", 3), ("Trem para Jundiaí", 1)], (7, 19)),
    "online": (12, [("Videochamada", 4), ("Conversa no LinkedIn", 2), ("Papo no Slack", 3), ("Troca de e-mails", 1)], (9, 22)),
}

TOPICS = {
    "padaria": ["fermentação", "bairro", "pequenos-negócios", "confeitaria"],
    "café": ["café", "freelance", "carreira", "livros"],
    "restaurante": ["comida", "hospitalidade", "família", "viagem"],
    "trabalho": ["contratação", "roadmap", "python", "preços", "trabalho-remoto", "mentoria"],
    "evento": ["dados-abertos", "startups", "design", "python", "palestras", "comunidade"],
    "vizinhança": ["bairro", "escolas", "bicicleta", "jardinagem"],
    "transporte": ["trânsito", "bicicleta", "cidade", "podcasts"],
    "online": ["trabalho-remoto", "dados-abertos", "escrita", "vagas", "comunidade"],
}

# (name, aliases, organisation, interests, home setting, notes)
CAST = [
    ("Ana Souza", [], "Padaria Real", ["fermentação", "pequenos-negócios"], "padaria", "Dona da Padaria Real; acorda às 4 todo dia."),
    ("José Almeida", ["Zé"], "Tasca do Zé", ["comida", "futebol"], "restaurante", "Toca a tasca; conhece todo mundo da rua."),
    ("Zoé Martins", [], "Dados Abertos SP", ["dados-abertos", "bicicleta"], "evento", "Organiza os encontros de dados abertos."),
    ("Thiago Nakamura", [], "Atlas Robótica", ["robótica", "comida"], "restaurante", "Engenheiro de robótica; indica a Cantina Nove."),
    ("Bruno Costa", [], "Cobalto", ["python", "contratação"], "trabalho", "Líder de backend na Cobalto."),
    ("Mariana Oliveira", [], "Café Lua", ["café", "livros"], "café", "Barista, estuda Letras."),
    ("Lucas Pereira", [], "", ["jardinagem", "bicicleta"], "vizinhança", "Vizinho do terceiro andar."),
    ("Sofia Rossi", [], "Estúdio Nove", ["design", "tipografia"], "evento", "Designer freelancer."),
    ("Kenji Watanabe", [], "PyData São Paulo", ["python", "comunidade"], "evento", "Organiza o meetup de Python."),
    ("Amélia Lourenço", [], "Talentum", ["contratação", "carreira"], "online", "Recrutadora; fala abertamente de salários."),
    ("Rafael Lima", [], "SPTrans", ["cidade", "trânsito"], "transporte", "Dirige o 875 de manhã."),
    ("Priscila Ramos", [], "Cobalto", ["roadmap", "preços"], "trabalho", "Gerente de produto."),
    ("Tomás Ferreira", [], "Hortas Urbanas", ["startups", "jardinagem"], "evento", "Fundador de uma startup de hortas urbanas."),
    ("Inês Carvalho", [], "Biblioteca Municipal", ["livros", "escolas"], "vizinhança", "Bibliotecária; cuida do clube do livro."),
    ("Cauã Ribeiro", [], "Remote Data Co", ["dados-abertos", "trabalho-remoto"], "online", "Engenheiro de dados; da comunidade no Slack."),
    ("Helena Duarte", [], "Duarte & Filhos", ["pequenos-negócios", "preços"], "café", "Contadora de metade das lojas do bairro."),
    ("Mateus Rocha", [], "", ["corrida", "podcasts"], "transporte", "Pega o mesmo metrô toda segunda."),
    ("Fátima Benício", [], "Cobalto", ["mentoria", "contratação"], "trabalho", "Diretora de pessoas."),
    ("Diogo Henriques", [], "Tasca do Zé", ["comida", "viagem"], "restaurante", "Cozinheiro; veio de Belém."),
    ("Leila Haddad", [], "Ateliê Haddad", ["design", "cidade"], "café", "Arquiteta; trabalha no projeto do mercado."),
    ("Olívia Brandão", [], "Autônoma", ["escrita", "trabalho-remoto"], "online", "Redatora técnica em Florianópolis."),
    ("Paulo Mendes", [], "Farmácia Central", ["bairro", "família"], "vizinhança", "Farmacêutico."),
    ("Camila Santos", [], "Ioga na Praça", ["bem-estar", "comunidade"], "vizinhança", "Dá aula de ioga na praça aos domingos."),
    ("Rodrigo Sá", [], "Nordeste Ventures", ["startups", "preços"], "evento", "Analista de um fundo de investimento."),
    ("Beatriz Nunes", [], "Jornal da Cidade", ["escrita", "cidade"], "café", "Jornalista; cobre a Câmara Municipal."),
    ("Yuki Tanaka", [], "Cobalto", ["design", "pesquisa"], "trabalho", "Pesquisadora de UX."),
    ("Gabriel Silva", [], "Cobalto", ["roadmap", "mentoria"], "trabalho", "Meu gestor."),
    ("Marta Kowalski", [], "", ["tradução", "livros"], "online", "Tradutora em Curitiba, PL/PT/EN."),
    ("Otávio Farias", [], "Metrô SP", ["cidade", "trânsito"], "transporte", "Engenheiro da extensão da linha 4."),
    ("Clara Vieira", [], "EMEF Jardim Estrela", ["escolas", "família"], "vizinhança", "Professora; mãe na mesma escola."),
    ("Pedro Antunes", [], "Padaria Real", ["fermentação", "futebol"], "padaria", "O padeiro do balcão nos dias de semana."),
    ("Sérgio Nogueira", [], "Porto Digital", ["dados-abertos", "bicicleta"], "evento", "Vem de Recife duas vezes por ano."),
    ("Adriana Belo", [], "Colmeia coworking", ["comunidade", "startups"], "trabalho", "Cuida da comunidade do Colmeia."),
    ("Miguel Torres", [], "", ["bairro", "faça-você-mesmo"], "vizinhança", "Eletricista; consertou as luzes da portaria."),
    ("Lena Fischer", [], "Figment", ["design", "trabalho-remoto"], "online", "Designer de produto em Blumenau."),
    ("Rui Barbosa", [], "Feira de sábado", ["comida", "jardinagem"], "vizinhança", "Vende frutas na feira."),
    ("Carmem Dias", [], "Grupo Aurora", ["contratação", "carreira"], "trabalho", "RH do nosso maior cliente."),
    ("Hugo Moreira", [], "Cantina Nove", ["vinho", "hospitalidade"], "restaurante", "Sommelier."),
    ("Júlia Campos", [], "Universidade de São Paulo", ["pesquisa", "dados-abertos"], "café", "Doutoranda em mobilidade urbana."),
    ("Luna Prado", [], "Autônoma", ["ilustração", "café"], "café", "Ilustradora 🎨 que assina toda mensagem com ☕✨"),
]
EMOJI_PERSON = "Luna Prado"
EMOJI_BITS = ["🎨", "☕", "✨", "🥐", "📚", "🙌"]

FIRST_NAMES = [
    "Alice", "André", "Antônio", "Bárbara", "Bernardo", "Caio", "Carla", "Carlos", "Cecília", "Daniel",
    "Daniela", "Débora", "Eduardo", "Elisa", "Enzo", "Fábio", "Fernanda", "Francisco", "Giovana", "Gustavo",
    "Heitor", "Helena", "Henrique", "Isabela", "Ítalo", "Íris", "Joana", "João", "Jorge", "Larissa",
    "Laura", "Letícia", "Lorena", "Luís", "Manuela", "Marcos", "Maria", "Mário", "Natália", "Nicolas",
    "Patrícia", "Raquel", "Renata", "Ricardo", "Rita", "Samuel", "Sara", "Sebastião", "Simone", "Tânia",
    "Teresa", "Valentina", "Vinícius", "Vitória", "Wagner", "Yara", "Cauê", "Otávio", "Luíza", "Conceição",
]
SURNAMES = [
    "Abreu", "Alves", "Amaral", "Andrade", "Araújo", "Azevedo", "Barros", "Batista", "Borges", "Brito",
    "Cardoso", "Castro", "Cavalcanti", "Correia", "Cruz", "Dias", "Farias", "Fernandes", "Fonseca", "Freitas",
    "Gomes", "Gonçalves", "Lacerda", "Leal", "Lopes", "Macedo", "Machado", "Magalhães", "Marques", "Medeiros",
    "Melo", "Miranda", "Monteiro", "Moraes", "Moreira", "Nascimento", "Nogueira", "Pacheco", "Peixoto", "Pinheiro",
    "Pinto", "Queiroz", "Ramos", "Rezende", "Ribeiro", "Rodrigues", "Sampaio", "Siqueira", "Soares", "Tavares",
    "Teixeira", "Vasconcelos", "Xavier", "Brandão", "Falcão", "Assunção",
]
ORGANISATIONS = [
    "Cobalto", "Atlas Robótica", "Dados Abertos SP", "Colmeia coworking", "Grupo Aurora", "Talentum",
    "Nordeste Ventures", "Hortas Urbanas", "Figment", "Estúdio Nove", "Prefeitura de São Paulo",
    "Universidade de São Paulo", "Metrô SP", "Jornal da Cidade", "Remote Data Co", "", "", "Autônomo",
]
INTERESTS = sorted({t for ts in TOPICS.values() for t in ts} | {"futebol", "vinho", "corrida", "livros", "viagem"})

# --------------------------------------------------------------- sentences
OPENINGS = {
    "padaria": [
        "Fui buscar pão na {place} e {first} estava no balcão.",
        "Fila na {place} hoje cedo; {first} e eu conversamos enquanto esperávamos.",
        "{first} me passou o último pão de fermentação natural na {place} e começamos a conversar.",
    ],
    "café": [
        "Café com {first} no {place}.",
        "Encontrei {first} no {place}; dividimos uma mesa perto da janela.",
        "{first} estava trabalhando no {place} de novo, então sentei junto para um pingado.",
    ],
    "restaurante": [
        "Almoço na {place} com {first}.",
        "Jantar na {place}; {first} veio até a nossa mesa.",
        "{first} recomendou o prato do dia na {place} e sentou com a gente.",
    ],
    "trabalho": [
        "Conversa longa com {first} depois da daily.",
        "{first} passou na minha mesa no {place}.",
        "Conversa individual com {first} no {place}.",
    ],
    "evento": [
        "Conheci {first} no {place}.",
        "{first} deu uma palestra curta no {place} e conversamos depois.",
        "Fiquei até tarde no {place} conversando com {first}.",
    ],
    "vizinhança": [
        "Esbarrei com {first} na {place}.",
        "{first} me parou na {place} para dar um oi.",
        "Voltei a pé da {place} com {first}.",
    ],
    "transporte": [
        "Sentei ao lado de {first} no {place}.",
        "{first} e eu esperamos juntos pelo {place}, atrasado de novo.",
        "Conversei com {first} no {place} até o trabalho.",
    ],
    "online": [
        "{place} com {first}.",
        "{first} me procurou ({place}).",
        "Coloquei o papo em dia com {first} ({place}).",
    ],
}
SOLO_OPENINGS = [
    "{place}: um momento tranquilo; anotei algumas ideias.",
    "{place}: ouvi por acaso uma conversa boa.",
    "{place}: sozinho, lendo e pensando na semana.",
]
TOPIC_LINES = [
    "Falamos um bom tempo sobre #{tag}.",
    "Quase toda a conversa foi sobre #{tag} e o que está mudando nisso.",
    "{first} tem opiniões fortes sobre #{tag}; eu mais escutei.",
    "Trocamos histórias sobre #{tag}, o que eu não esperava.",
    "Descobrimos que nós dois nos importamos com #{tag}.",
    "{first} perguntou o que eu acho de #{tag}; não soube responder.",
]
EXTRA_LINES = [
    "Me lembrou por que essas conversas pequenas importam.",
    "Saí com umas ideias para testar na semana que vem.",
    "Foi leve, como falar com um velho amigo.",
    "Nada urgente, mas é bom manter contato.",
    "Combinamos de nos ver de novo em breve.",
    "Eu devia ter perguntado mais e falado menos.",
    "Estava lotado, então foi rápido.",
    "Boa energia; voltei para casa sorrindo.",
    "Falaram de um amigo que eu deveria conhecer.",
]
LEARNED = [
    "A equipe da {org} vai contratar para duas vagas no próximo trimestre.",
    "{first} diz que #{tag} está andando mais rápido do que as pessoas pensam.",
    "Tem um meetup sobre {tag} toda segunda quinta-feira do mês.",
    "Os preços da feira sobem em dezembro; melhor comprar antes.",
    "{first} trabalhava em Belo Horizonte antes de se mudar para cá.",
    "Um bom livro sobre {tag}: aquele de capa laranja que {first} vive recomendando.",
    "A prefeitura vai abrir a nova ciclovia na primavera.",
]
GAVE = [
    "Apresentei {first} a alguém da minha rede que trabalha com {tag}.",
    "Mandei para {first} o artigo sobre {tag} que eu tinha comentado.",
    "Me ofereci para revisar o currículo de {first}.",
    "Compartilhei minhas anotações da última palestra sobre {tag}.",
    "Indiquei o contador que me ajudou no ano passado.",
    "Emprestei meu exemplar do livro para {first}.",
    "Comentei os slides da próxima palestra.",
]
ASKED = [
    "Pedi a {first} que me apresentasse ao gestor da vaga.",
    "Perguntei se {first} podia olhar meu portfólio.",
    "Pedi a indicação de um bom dentista.",
]
FOLLOW_UPS = [
    "Mandar para {first} o link sobre {tag}",
    "Apresentar {first} à Carla, do meu antigo trabalho",
    "Marcar um almoço com {first}",
    "Responder o e-mail de {first}",
    "Compartilhar os slides do meetup com {first}",
    "Perguntar a {first} como foi a entrevista de emprego",
]

# (subject, [(stance, confidence), ...] in the order they were held); the
# confidences are the journal's values (low, medium, high), not words.
OPINIONS = [
    ("O pão de fermentação natural da Padaria Real", [("Azedo demais para mim", "medium"),
     ("Está me conquistando desde que a Ana trocou o fermento", "medium"), ("O melhor pão do bairro", "high")]),
    ("Trabalho remoto", [("Solitário e cheio de distrações", "medium"), ("Funciona quando a equipe põe tudo por escrito", "medium"),
     ("Dois dias de escritório por semana é o ideal", "high")]),
    ("O meetup de Python", [("Focado demais em iniciantes", "low"), ("O que vale mesmo é o papo no corredor", "high")]),
    ("Pedir apresentações", [("Parece que estou implorando", "high"), ("Tudo bem, depois que eu ofereci algo antes", "medium")]),
    ("O novo preço da Cobalto", [("Caro demais para lojas pequenas", "medium"), ("Justo, pelo suporte incluído", "low"),
     ("Caro demais para lojas pequenas, no fim das contas", "high")]),
    ("A extensão da linha 4 do metrô", [("Nunca vai ficar pronta", "low"), ("No prazo, segundo o Otávio", "medium")]),
    ("Trabalhar no Colmeia", [("Barulhento demais", "medium"), ("Ótimo para conhecer gente, ruim para se concentrar", "high")]),
    ("O almoço executivo da Tasca do Zé", [("O melhor custo-benefício da região", "high")]),
    ("Contratar juniores", [("Demora demais para compensar", "low"), ("Vale a pena com um mentor designado", "medium"),
     ("As melhores contratações que fizemos", "high")]),
    ("Portais de dados abertos", [("Ninguém usa", "medium"), ("Úteis quando alguém como a Zoé faz a curadoria", "medium")]),
]
REFLECTIONS = [
    "Semana boa: {count} conversas; {setting} foi o lugar mais frequente. {first} se destacou.",
    "{count} conversas. Ofereci mais do que pedi, o que parece certo. Dar retorno a {first}.",
    "Semana corrida ({count} conversas). Muitas no mesmo tipo de lugar ({setting}); na semana que vem, sair mais.",
    "Semana mais calma, {count} conversas. A com {first} foi a mais útil.",
    "{count} conversas nesta semana. Aprendi muito sobre {tag}. Manter o hábito.",
]

# The words the generator needs besides its tables.
SOMEONE = "Alguém"
FRIEND = "um amigo"
NOBODY = "ninguém em especial"
NO_TAG = "pessoas"
DEFAULT_ORG = "Cobalto"
# Yesterday's and today's encounters, which keep the streak alive: (setting, place).
YESTERDAY_PLACE = ("café", "Café Lua")
TODAY_PLACE = ("padaria", "Padaria Real")
FOLLOW_UP_MIX = ("Mandar para {name} minhas anotações da nossa conversa", "Ligar de volta para {name}",
                 "Agradecer a {name} pela apresentação")
WORKPLACE_OPINION = ("{org} como lugar para trabalhar", [("Parece ótimo", "low"), ("Opiniões divididas de quem trabalha lá", "medium")])

# ------------------------------------------------------------------ groups
GROUP_PLANS = (
    _Plan(
        name="Círculo de freelancers", kind="grupo de apoio", cadence="toda terça às 19h",
        place="Café Lua", setting="café",
        members=(("Sofia Rossi", 0.9), ("Luna Prado", 0.8), ("Marta Kowalski", 0.75),
                 ("Leila Haddad", 0.6), ("Beatriz Nunes", 0.85), ("Júlia Campos", 0.5)),
        notes="Gente que trabalha por conta própria: clientes, preços, meses parados e o medo deles. "
              "Cada um diz o que vai tentar a seguir, e conta depois como foi.",
        lapsed=("Beatriz Nunes",), guests=("Olívia Brandão", "Tomás Ferreira"),
        cancelled=(1,), moved=((8, 1, 19),), unlogged=(11,),
        topics=("clientes", "preços", "esgotamento", "contratos", "portfólio", "dinheiro"),
    ),
    _Plan(
        name="PyData São Paulo", kind="meetup", cadence="a cada 2 semanas na quinta às 18h30",
        place="Colmeia coworking", setting="evento",
        members=(("Kenji Watanabe", 0.95), ("Bruno Costa", 0.7), ("Adriana Belo", 0.8),
                 ("Cauã Ribeiro", 0.45), ("Zoé Martins", 0.6), ("Yuki Tanaka", 0.55)),
        notes="Duas palestras, depois o papo no corredor. O Kenji organiza; a Adriana cuida da sala.",
        guests=("Rodrigo Sá", "Sérgio Nogueira", "Júlia Campos"),
        topics=("python", "dados-abertos", "palestras", "comunidade", "contratação"),
    ),
)
GROUP_OPENINGS = {
    "grupo de apoio": [
        "{count} de nós em volta da mesa grande hoje; {first} abriu a roda.",
        "Uma roda pequena no {place}, {count} pessoas e um bule de chá.",
        "{first} trouxe pão de queijo; {count} de nós ficaram até as dez.",
    ],
    "meetup": [
        "Duas palestras e {count} frequentadores na sala.",
        "{first} respondeu às perguntas depois da segunda palestra.",
        "Pizza, slides e {count} rostos conhecidos no {place}.",
    ],
}
GROUP_LINES = [
    "{first} contou como foi o mês com #{tag} e comparamos anotações.",
    "A roda foi quase toda sobre #{tag}; todo mundo tinha uma história.",
    "{first} pediu conselho sobre #{tag} e ouviu três respostas diferentes.",
    "Combinamos de cada um testar uma coisa sobre #{tag} até a próxima.",
    "Bom saber que não sou o único preocupado com #{tag}.",
]
GROUP_CLOSINGS = [
    "Saí mais leve do que cheguei.",
    "Encontro curto, mas útil.",
    "Ficamos conversando até tarde lá fora.",
    "Da próxima vez levo números, não impressões.",
]
GROUP_GAVE = "Compartilhei minha tabela de preços com o grupo."

# ------------------------------------------------------------------- reach
QUALITIES = ("Pesquisa de UX", "Ensino de Python", "Pão de fermentação natural")
